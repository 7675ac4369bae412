//go:build !linux

package main

import "syscall"

// childAttr: outside Linux there is no parent-death signal; the harness's
// deferred cleanup is the only guard.
func childAttr() *syscall.SysProcAttr { return nil }
