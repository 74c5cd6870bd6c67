// Certificate verification codes: short, unambiguous to read aloud or type, and unguessable.
//
// A code is 10 random symbols of Crockford's base32 (0-9 and A-Z without I, L, O and U: 50 bits
// from libsodium's randombytes) and one check symbol, written in groups of 3, 4 and 4:
// "RKS-7K2M-9QXD". The check symbol is the sum of the ten symbol values weighted 1, 3, 5, ..., 19,
// modulo 32: every single mistyped symbol is caught (the odd weights are invertible modulo 32),
// and so is a swap of two neighbours unless their values differ by exactly 16.
//
// What a person types is read tolerantly: upper or lower case, any spaces and dashes, and the
// letters Crockford maps to digits (I and L read as 1, O as 0). U is never part of a code.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace raida::core {

inline constexpr int kCertificateCodeRandomSymbols = 10;
// The written length with both dashes ("RKS-7K2M-9QXD").
inline constexpr int kCertificateCodeLength = 13;

// A new random code in its written form. Aborts (RAIDA_CHECK) when libsodium cannot initialise,
// which means the machine has no usable random source.
std::string NewCertificateCode();

// The written form of a typed code, or nullopt when it is not a code: wrong length once spaces
// and dashes are dropped, a symbol outside the alphabet, or a check symbol that does not match.
std::optional<std::string> CanonicalCertificateCode(std::string_view typed);

}  // namespace raida::core
