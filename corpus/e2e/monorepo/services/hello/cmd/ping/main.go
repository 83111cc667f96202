// A second program of the module, shipped beside hello through `binaries`: the kind of health probe
// scratch and distroless images run, with no shell or curl.
package main

import (
	"fmt"

	"example.com/greet"
)

func main() {
	fmt.Println("ping:", greet.Hello())
}
