// Package greet is the library the monorepo e2e program imports through a local replace.
package greet

// Hello says where it comes from, so the test sees the library was built in.
func Hello() string { return "hello from libs/greet" }
