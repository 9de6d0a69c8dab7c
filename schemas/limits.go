package schemas

import "github.com/linkedin/goavro/v2"

// maxItems bounds any array or map block in a record. goavro sizes a slice
// from the item count a record claims before reading a single item, so an
// unbounded count lets a 19-byte record ask for gigabytes and kill the
// process (no recover catches an out-of-memory). No leadgen array comes
// near this many items.
const maxItems = 1 << 16

// maxBytes bounds one string or bytes value.
const maxBytes = 4 << 20

func init() {
	goavro.MaxBlockCount = maxItems
	goavro.MaxBlockSize = maxBytes
}
