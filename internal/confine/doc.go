// Package confine reads and writes files that untrusted input names
// (lookup files and definitions a content directory ships, golden files,
// attack-data paths) only inside a directory the user chose.
//
// Every operation goes through an os.Root, so a name with ".." elements,
// an absolute name, or a symbolic link (already in the directory, or
// committed by a pull request) that leads outside the directory fails
// with an error wrapping ErrEscape. Links that stay inside are followed
// when reading. Writes never follow a link: WriteFile refuses a name that
// is a symbolic link or not a regular file, and writes through a fresh
// temporary file renamed into place, so a link created meanwhile is
// replaced, not written through.
//
// A Dir is a pair of paths (base and a relative sub-directory) and opens
// its os.Root for each operation, so it holds no file descriptors and
// needs no Close. Within("content", "lookups") is content/lookups, which
// may itself be a symbolic link only if it stays inside content; files
// are then confined to content/lookups.
package confine
