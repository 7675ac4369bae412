package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestRunServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-token", "42:SECRET", "-limits"}, pw)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("read ready line: %v", err)
	}
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if !ok {
		t.Fatalf("ready line %q", line)
	}
	go io.Copy(io.Discard, pr)

	client := &http.Client{Timeout: 10 * time.Second}
	bot, err := tgbotapi.NewBotAPIWithClient("42:SECRET", base+"/bot%s/%s", client)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(-1001, "hi")); err != nil {
		t.Fatal(err)
	}
	resp, err := client.Get(base + "/control/counts")
	if err != nil {
		t.Fatal(err)
	}
	var counts map[string]int
	err = json.NewDecoder(resp.Body).Decode(&counts)
	resp.Body.Close()
	if err != nil || counts["-1001"] != 1 {
		t.Fatalf("counts %v %v", counts, err)
	}

	// A parked long poll must not keep the process from stopping.
	polled := make(chan error, 1)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 50})
		polled <- err
	}()
	waitPolling(t, client, base)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	<-polled
}

// waitPolling waits until the server has seen the getUpdates request; Close
// releases it whether or not it is parked yet.
func waitPolling(t *testing.T, client *http.Client, base string) {
	t.Helper()
	for range 500 {
		resp, err := client.Get(base + "/control/stats")
		if err != nil {
			t.Fatal(err)
		}
		var st struct {
			ByMethod map[string]int `json:"by_method"`
		}
		err = json.NewDecoder(resp.Body).Decode(&st)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if st.ByMethod["getUpdates"] > 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("getUpdates never arrived")
}

func TestRunBadFlag(t *testing.T) {
	if err := run(context.Background(), []string{"-nope"}, io.Discard); err == nil {
		t.Fatal("unknown flag accepted")
	}
}
