package db

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseMigrations(t *testing.T) {
	file := func(sql string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(sql)} }
	for _, tc := range []struct {
		name    string
		fsys    fstest.MapFS
		want    []int
		wantErr string
	}{
		{
			name: "ordered by number",
			fsys: fstest.MapFS{
				"migrations/0002_b.sql": file("SELECT 2;"),
				"migrations/0001_a.sql": file("SELECT 1;"),
				"migrations/0010_c.sql": file("SELECT 10;"),
				"migrations/README.txt": file("not a migration"),
			},
			want: []int{1, 2, 10},
		},
		{
			name: "duplicate version",
			fsys: fstest.MapFS{
				"migrations/0001_init.sql":     file("SELECT 1;"),
				"migrations/0004_ledger.sql":   file("SELECT 4;"),
				"migrations/0004_settings.sql": file("SELECT 4;"),
			},
			wantErr: "migrations 0004_ledger.sql and 0004_settings.sql: both are version 4",
		},
		{
			name:    "same number written differently",
			fsys:    fstest.MapFS{"migrations/0005_a.sql": file(""), "migrations/5_b.sql": file("")},
			wantErr: "both are version 5",
		},
		{
			name:    "no number",
			fsys:    fstest.MapFS{"migrations/init.sql": file("")},
			wantErr: "name must start with a number",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := parseMigrations(tc.fsys)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, m := range ms {
				got = append(got, m.version)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("versions = %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("versions = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// TestEmbeddedMigrationsDistinct keeps the shipped set valid: two branches
// that each add a migration with the next number fail here, not in the field.
func TestEmbeddedMigrationsDistinct(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].version != 1 {
		t.Fatalf("embedded migrations start at %v", ms)
	}
}
