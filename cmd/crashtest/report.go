package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"briefbot"
)

// WriteReport prints the measurement: the summary table, then one line per
// kill and the bot's distinct warnings and errors.
func WriteReport(w io.Writer, r *Result, build time.Duration) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(k, v, note string) { fmt.Fprintf(tw, "%s\t%s\t%s\n", k, v, note) }
	s := r.Sigterm
	row("chats", fmt.Sprint(r.Chats), fmt.Sprintf("private, subscribed to %q (seed %d)", topic, r.Seed))
	row("kills", fmt.Sprint(r.Kills), "SIGKILL during the fan-out")
	row("delivered", fmt.Sprint(r.Delivered), "chats with ≥1 message")
	row("lost", fmt.Sprint(r.Lost), "chats with 0 (goal 0)")
	row("duplicated", fmt.Sprint(r.Duplicated), fmt.Sprintf("Σ(count−1); max %d per chat", r.MaxPerChat))
	row("bound", fmt.Sprint(r.Bound), fmt.Sprintf("%d workers × %d kills (sends on the wire at a kill)", r.Workers, r.Kills))
	row("per kill", fmt.Sprintf("max %d", r.MaxKillDups), fmt.Sprintf("extra copies charged to one kill by arrival time (design ≤ %d); SIGTERM %d, after last stop %d",
		r.Workers, r.Sigterm.Dups, r.Unattributed))
	row("recovered", fmt.Sprint(r.Recovered), "rows RecoverSending returned to pending, all restarts")
	row("sigterm", fmt.Sprintf("exit %d", s.Code), fmt.Sprintf("exited=%v in %s, mid fan-out=%v, sent %d at signal; ledger %s %s",
		s.Exited, s.Took.Round(time.Millisecond), s.MidFanOut, s.SentAtSignal, ledgerString(s.Ledger), s.Note))
	row("final run", fmt.Sprintf("exit %d", r.FinalCode), fmt.Sprintf("exited=%v after SIGTERM %s", r.FinalExited, r.FinalNote))
	row("ledger", fmt.Sprint(r.Ledger[briefbot.DeliverySent]), ledgerString(r.Ledger))
	row("fake", fmt.Sprint(r.Fake.Sent), fmt.Sprintf("sendMessage accepted; requests %d, 429 %d, other errors %d, strangers %d",
		r.Fake.Requests, r.Fake.Rejected429, r.Fake.RejectedOther, r.Strangers))
	row("wall", r.Wall.Round(time.Millisecond).String(), fmt.Sprintf("prepare %s + fan-out with kills %s (build %s not included)",
		r.Prepare.Round(time.Millisecond), r.FanOut.Round(time.Millisecond), build.Round(time.Millisecond)))
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kill\tmode\twhen\tuptime\tsent before\tsent after\trecovered next\tdups\t")
	for _, k := range r.KillPoints {
		when := fmt.Sprintf("sent≥%d", k.Target)
		if k.Mode == "delay" {
			when = k.Delay.Round(time.Millisecond).String()
		}
		note := ""
		if k.Note != "" {
			note = "  " + k.Note
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", k.Run, k.Mode, when, k.Uptime.Round(time.Millisecond),
			k.SentBefore, k.SentAtKill, k.Recovered, k.Dups, note)
	}
	tw.Flush()
	if len(r.DupChats) > 0 {
		fmt.Fprintln(w, "\nmost duplicated chats (arrival times from the first bot start; kills at:", killTimes(r), ")")
		for _, d := range r.DupChats {
			var at []string
			for _, t := range d.At {
				at = append(at, t.Sub(r.FanStart).Round(time.Millisecond).String())
			}
			fmt.Fprintf(w, "  chat %-6d ×%d  %s\n", d.Chat, len(d.At), strings.Join(at, " "))
		}
	}
	if len(r.BotLog) > 0 {
		fmt.Fprintln(w, "\nbot warnings and errors (distinct messages, all runs):")
		for _, l := range r.BotLog {
			fmt.Fprintf(w, "  %-5s ×%-4d first in run %-2d %s\n", l.Level, l.Count, l.FirstRun, l.Msg)
		}
	}
}

func killTimes(r *Result) string {
	var ks []string
	for _, k := range r.KillPoints {
		ks = append(ks, k.Killed.Sub(r.FanStart).Round(time.Millisecond).String())
	}
	return strings.Join(ks, " ")
}
