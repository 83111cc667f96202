// The monorepo e2e program: one line from the library beside its module, and the injected version.
package main

import (
	"fmt"

	"example.com/greet"
)

var version = "dev"

func main() {
	fmt.Printf("%s (%s)\n", greet.Hello(), version)
}
