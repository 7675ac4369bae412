package main

import "syscall"

// childAttr asks the kernel to SIGKILL a child when the harness itself dies
// (even by SIGKILL), so no bot or fake outlives a crashed harness.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
