//go:build linux

package records

import "syscall"

// reserveArea maps size bytes of address space for a long line read from a
// pipe. The kernel gives a page memory only when it is first written, so
// the area costs what the line fills of it, and the line is never copied
// into a bigger buffer as it grows. It returns nil when the mapping fails
// (a system that commits memory strictly): the caller reads in pieces.
func reserveArea(size int) []byte {
	b, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|syscall.MAP_NORESERVE)
	if err != nil {
		return nil
	}
	return b
}

// releaseArea unmaps an area from reserveArea.
func releaseArea(b []byte) { _ = syscall.Munmap(b) }
