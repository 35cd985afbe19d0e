package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"ferry/ftpcore/listing"
)

// Extensions by family, for icons.
const (
	imageExts   = " png jpg jpeg gif bmp svg webp tif tiff ico "
	audioExts   = " mp3 ogg flac wav m4a aac opus "
	videoExts   = " mp4 mkv avi mov webm mpg mpeg "
	archiveExts = " zip gz tgz bz2 xz zst tar 7z rar deb rpm iso jar "
	textExts    = " txt md csv log json xml yml yaml ini conf cfg html htm css js go c h py sh rs java "
)

func hasExt(list, ext string) bool {
	return ext != "" && strings.Contains(list, " "+strings.ToLower(ext)+" ")
}

// entryIcon returns the icon of an entry: coloured folders, an arrow for
// links, and file icons by family.
func entryIcon(e *listing.Entry) fyne.Resource {
	switch e.Type {
	case listing.TypeDir:
		return theme.NewColoredResource(theme.FolderIcon(), theme.ColorNameWarning)
	case listing.TypeLink:
		return theme.NewColoredResource(theme.MailForwardIcon(), theme.ColorNamePrimary)
	case listing.TypeSpecial:
		return theme.QuestionIcon()
	}
	ext := extension(e.Name)
	switch {
	case hasExt(imageExts, ext):
		return theme.FileImageIcon()
	case hasExt(audioExts, ext):
		return theme.FileAudioIcon()
	case hasExt(videoExts, ext):
		return theme.FileVideoIcon()
	case hasExt(archiveExts, ext):
		return theme.FileApplicationIcon()
	case hasExt(textExts, ext):
		return theme.FileTextIcon()
	}
	return theme.FileIcon()
}

// cellText formats one column of an entry.
func cellText(e *listing.Entry, col column) string {
	switch col {
	case colName:
		if e.Type == listing.TypeLink && e.Target != "" {
			return e.Name + " → " + e.Target
		}
		return e.Name
	case colSize:
		return sizeText(e)
	case colType:
		return typeText(e)
	case colModified:
		return timeText(e)
	case colPerm:
		return e.Perm
	case colOwner:
		if e.Group == "" {
			return e.Owner
		}
		return e.Owner + " " + e.Group
	}
	return ""
}

func sizeText(e *listing.Entry) string {
	if e.IsDir() || e.Size < 0 {
		return ""
	}
	s := humanSize(e.Size)
	if e.SizeApprox {
		s = "~" + s
	}
	return s
}

func typeText(e *listing.Entry) string {
	switch e.Type {
	case listing.TypeDir:
		return lang.L("Folder")
	case listing.TypeLink:
		return lang.L("Link")
	case listing.TypeSpecial:
		return lang.L("Special")
	}
	if ext := extension(e.Name); ext != "" {
		return lang.X("type.ext", "{{.Ext}} file", map[string]any{"Ext": strings.ToUpper(ext)})
	}
	return lang.L("File")
}

func timeText(e *listing.Entry) string {
	if e.ModTime.IsZero() {
		return ""
	}
	switch e.Precision {
	case listing.PrecisionDay:
		// A date alone is a calendar day on the server: converting it to
		// local time could move it to the day before.
		return e.ModTime.Format("2006-01-02")
	case listing.PrecisionNone:
		return ""
	}
	return e.ModTime.Local().Format("2006-01-02 15:04")
}
