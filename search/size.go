package search

import (
	"fmt"
	"io/fs"
	"path/filepath"
)

// SizeOnDisk is the total size of the index's files, for the operators' metrics.
func (ix *Index) SizeOnDisk() (int64, error) {
	var total int64
	err := filepath.WalkDir(ix.path, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			total += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("search: index size: %w", err)
	}
	return total, nil
}
