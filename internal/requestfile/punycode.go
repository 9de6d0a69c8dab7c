package requestfile

import "strings"

// Punycode parameters of RFC 3492 §5.
const (
	pcBase        = 36
	pcTMin        = 1
	pcTMax        = 26
	pcSkew        = 38
	pcDamp        = 700
	pcInitialBias = 72
	pcInitialN    = 128
)

// punycode encodes one label by RFC 3492 (without the "xn--" prefix).
// It is hand-written because the module has no IDNA library; callers
// bound the label's length, so the arithmetic cannot overflow an int.
func punycode(label string) string {
	runes := []rune(label)
	var out strings.Builder
	for _, r := range runes {
		if r < pcInitialN {
			out.WriteRune(r)
		}
	}
	basic := out.Len()
	if basic > 0 {
		out.WriteByte('-')
	}
	n, delta, bias := rune(pcInitialN), 0, pcInitialBias
	for handled := basic; handled < len(runes); {
		m := smallestFrom(runes, n)
		delta += int(m-n) * (handled + 1)
		n = m
		for _, r := range runes {
			if r < n {
				delta++
			}
			if r == n {
				writeVarInt(&out, delta, bias)
				bias = adapt(delta, handled+1, handled == basic)
				delta = 0
				handled++
			}
		}
		delta++
		n++
	}
	return out.String()
}

// smallestFrom returns the smallest rune in runes that is at least n.
func smallestFrom(runes []rune, n rune) rune {
	m := rune(0x7fffffff)
	for _, r := range runes {
		if r >= n && r < m {
			m = r
		}
	}
	return m
}

// writeVarInt writes q as a generalised variable-length integer.
func writeVarInt(out *strings.Builder, q, bias int) {
	for k := pcBase; ; k += pcBase {
		t := min(max(k-bias, pcTMin), pcTMax)
		if q < t {
			break
		}
		out.WriteByte(pcDigit(t + (q-t)%(pcBase-t)))
		q = (q - t) / (pcBase - t)
	}
	out.WriteByte(pcDigit(q))
}

func pcDigit(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}

// adapt is the bias adaptation function of RFC 3492 §6.1.
func adapt(delta, points int, first bool) int {
	if first {
		delta /= pcDamp
	} else {
		delta /= 2
	}
	delta += delta / points
	k := 0
	for delta > ((pcBase-pcTMin)*pcTMax)/2 {
		delta /= pcBase - pcTMin
		k += pcBase
	}
	return k + (pcBase-pcTMin+1)*delta/(delta+pcSkew)
}
