package compare_test

import (
	"fmt"
	"time"

	"ferry/ftpcore/compare"
	"ferry/ftpcore/listing"
)

func ExampleDirs() {
	day := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	local := []listing.Entry{
		{Name: "index.html", Size: 2048, ModTime: day.Add(15 * time.Hour), Precision: listing.PrecisionSubSecond},
		{Name: "draft.txt", Size: 10, ModTime: day, Precision: listing.PrecisionSubSecond},
	}
	server := []listing.Entry{ // a LIST that gives days only
		{Name: "index.html", Size: 2048, ModTime: day, Precision: listing.PrecisionDay},
	}
	r := compare.Dirs(local, server, compare.Options{Mode: compare.BySizeAndTime})
	fmt.Println(r.A, r.B)
	// Output: [identical only here] [identical]
}
