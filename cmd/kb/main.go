// Command kb serves, indexes and checks a Persian help center.
package main

import (
	"fmt"
	"os"
)

var version = "dev"

func main() {
	fmt.Fprintln(os.Stderr, "kb", version)
}
