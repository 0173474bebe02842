package schema

import "strings"

// iso4217 lists the active ISO 4217 alphabetic currency codes.
const iso4217 = `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN
BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL
GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR
PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL
THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC
XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ZWL`

// currencyCodes has a bit for every three-letter code of iso4217.
var currencyCodes = func() (t [26*26*26/64 + 1]uint64) {
	for _, code := range strings.Fields(iso4217) {
		i := currencyIndex(code)
		t[i/64] |= 1 << (i % 64)
	}
	return t
}()

func currencyIndex(s string) int {
	return int(s[0]-'A')*26*26 + int(s[1]-'A')*26 + int(s[2]-'A')
}

// IsCurrencyCode reports whether s is an ISO 4217 alphabetic code.
func IsCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, c := range []byte(s) {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	i := currencyIndex(s)
	return currencyCodes[i/64]&(1<<(i%64)) != 0
}
