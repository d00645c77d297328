package eval

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
)

// Cryptographic functions [D S-cryptofn]: the lower-case hex digest of the
// string's UTF-8 bytes.
var cryptoFuncs = map[string]*funcSpec{
	"md5":    hashFunc(md5.New),
	"sha1":   hashFunc(sha1.New),
	"sha256": hashFunc(sha256.New),
	"sha512": hashFunc(sha512.New),
}

func hashFunc(h func() hash.Hash) *funcSpec {
	return &funcSpec{min: 1, max: 1, pure: true, ret: tStr, fn: func(a []Value) Value {
		if a[0].k == kindNull {
			return Null()
		}
		w := h()
		w.Write([]byte(first(a[0]).String()))
		return Str(hex.EncodeToString(w.Sum(nil)))
	}}
}
