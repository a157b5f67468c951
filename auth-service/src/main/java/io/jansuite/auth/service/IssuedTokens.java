package io.jansuite.auth.service;

/** What a sign-in or a refresh hands out. */
public record IssuedTokens(String accessToken, String refreshToken, long expiresIn, String userId) {
}
