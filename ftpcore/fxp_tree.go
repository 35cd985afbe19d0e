package ftpcore

import (
	"context"
	"errors"
	"fmt"
	"path"

	"ferry/ftpcore/listing"
)

// FXPTreeResult counts what FXPTree copied.
type FXPTreeResult struct {
	Files   int   // files copied
	Dirs    int   // directories created or found on the target
	Bytes   int64 // bytes of the copied files
	Relayed int   // files that went through the client
	// Unverified counts the files whose size could not be checked (see
	// FXPResult.Unverified).
	Unverified int
}

// FXPTree copies the folder srcDir on src to dstDir on dst, recreating its
// tree: directories with MkdirAll, files with FXP and opt (its Overwrite
// and Relay rules apply to each file). Symbolic links are copied as the
// files they name; other special entries and names unsafe as a path
// component are left out and reported. A failed file does not stop the
// others: the errors are joined. Cancelling ctx stops at once.
func FXPTree(ctx context.Context, src, dst *Session, srcDir, dstDir string, opt FXPOptions) (FXPTreeResult, error) {
	var res FXPTreeResult
	if src == dst {
		return res, &OpError{Op: "fxp", Path: srcDir, Err: ErrFXPSameSession}
	}
	var errs []error
	fxpTree(ctx, src, dst, srcDir, dstDir, opt, &res, &errs)
	return res, errors.Join(errs...)
}

func fxpTree(ctx context.Context, src, dst *Session, srcDir, dstDir string, opt FXPOptions, res *FXPTreeResult, errs *[]error) {
	if err := dst.MkdirAll(ctx, dstDir); err != nil {
		*errs = append(*errs, err)
		return
	}
	res.Dirs++
	l, err := src.List(ctx, srcDir, ListDirOptions{Hidden: true})
	if err != nil {
		*errs = append(*errs, err)
		return
	}
	for _, e := range l.Entries {
		if ctx.Err() != nil {
			*errs = append(*errs, ctx.Err())
			return
		}
		from, to := path.Join(srcDir, e.Name), path.Join(dstDir, e.Name)
		switch {
		case e.Unsafe:
			*errs = append(*errs, &OpError{Op: "fxp", Path: from, Err: fmt.Errorf("name %q is unsafe: left out", e.Name)})
		case e.Type == listing.TypeDir:
			fxpTree(ctx, src, dst, from, to, opt, res, errs)
		case e.Type == listing.TypeFile || e.Type == listing.TypeLink:
			r, err := FXP(ctx, src, dst, from, to, opt)
			switch {
			case errors.Is(err, ErrFXPSkipped):
			case err != nil:
				*errs = append(*errs, err)
			default:
				res.Files++
				res.Bytes += max(r.Bytes, 0)
				if r.Relayed {
					res.Relayed++
				}
				if !r.Verified {
					res.Unverified++
				}
			}
		default:
			*errs = append(*errs, &OpError{Op: "fxp", Path: from, Err: fmt.Errorf("%s entry left out", e.Type)})
		}
	}
}
