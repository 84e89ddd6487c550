package bench

import (
	"os/exec"
	"syscall"
)

// setParentDeathSignal makes the kernel send the child SIGTERM when the
// benchmark dies, so that no server outlives it.
func setParentDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
