using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Tests.Protocol;

/// <summary>
/// Fixed vectors computed outside .NET (Python's hmac/hashlib and the openssl command line, 7 December 2026), so a
/// change to the message format, the key derivation or the IV shows here even where Node is missing.
/// </summary>
public sealed class SignatureAndCipherTests
{
    [Theory]
    [InlineData("1234", "pwd", "1433459111", "6cy2lgRRDRl0skLM+U9Hlm/Pu1nhy1TqC8VM65UoRp8=")]
    [InlineData("12345", "rahasia", "1765793653", "qikXGb9KI2UxSMtsO0kDFGaZiU6UCa3MmNsWihtlFNI=")]
    [InlineData("30432", "s3cr3t", "1700000000", "A+JO9AttcesZs7OMviP2WqswZesZqlzoMvbHXKaF438=")]
    public void The_signature_is_Base64_HMAC_SHA256_of_cons_id_ampersand_timestamp(string consId, string secret, string timestamp, string expected)
    {
        Assert.Equal(expected, BpjsSignature.Compute(consId, secret, timestamp));
        Assert.True(BpjsSignature.Matches(consId, secret, timestamp, expected));
        Assert.False(BpjsSignature.Matches(consId, secret + "x", timestamp, expected));
        Assert.False(BpjsSignature.Matches(consId, secret, timestamp, null));
    }

    [Fact]
    public void The_timestamp_is_UTC_Unix_seconds()
    {
        Assert.Equal("1765793653", BpjsSignature.Timestamp(DateTimeOffset.FromUnixTimeSeconds(1765793653).ToOffset(TimeSpan.FromHours(7))));
    }

    [Theory]
    [InlineData("1234", "pwd", "1433459111", "a309ae886a9838ce1353429c91d01765934f2ccd9f37a4d6698ff5fa5915d137")]
    [InlineData("12345", "rahasia", "1765793653", "45308300ae1620a1fc5b169b1252decf09a0ed08364f2760a21b4149e7906600")]
    public void The_key_is_SHA_256_of_cons_id_secret_and_timestamp(string consId, string secret, string timestamp, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(BpjsPayloadCipher.Key(consId, secret, timestamp)));
    }

    [Fact]
    public void A_payload_encrypted_by_openssl_with_the_keys_first_16_bytes_as_IV_decrypts()
    {
        // printf '%s' TEXT | openssl enc -aes-256-cbc -K $key -iv ${key:0:32} -base64 -A, key = sha256("1234pwd1433459111")
        const string sealedByOpenssl = "eaU5GpmoXV+LX41CFvmQVvnHQnqstbbqAQwXEP50t1LXLYyZx274cVxuMbjSqr5N";
        var key = BpjsPayloadCipher.Key("1234", "pwd", "1433459111");

        Assert.Equal("N4IgLgpgtgzgHgYgG4EMA2BXCAuEBGAJgEYBmANhAF8g", BpjsPayloadCipher.TryDecrypt(sealedByOpenssl, key, out _));
        Assert.Equal(sealedByOpenssl, BpjsPayloadCipher.Encrypt("N4IgLgpgtgzgHgYgG4EMA2BXCAuEBGAJgEYBmANhAF8g", key));
    }

    [Theory]
    [InlineData("bukan base64 !!", "not Base64")]
    [InlineData("", "not whole AES blocks")]
    [InlineData("AAAA", "not whole AES blocks")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", "bad padding")]
    public void A_payload_that_does_not_decrypt_says_why(string payload, string reason)
    {
        Assert.Null(BpjsPayloadCipher.TryDecrypt(payload, BpjsPayloadCipher.Key("1", "2", "3"), out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_sealed_for_another_timestamp_does_not_open()
    {
        var sealedPayload = BpjsPayloadCipher.Seal("""{"list":[]}""", BpjsPayloadCipher.Key("12345", "rahasia", "1765793653"));

        Assert.Equal("""{"list":[]}""", BpjsPayloadCipher.TryOpen(sealedPayload, BpjsPayloadCipher.Key("12345", "rahasia", "1765793653"), out _));
        Assert.Null(BpjsPayloadCipher.TryOpen(sealedPayload, BpjsPayloadCipher.Key("12345", "rahasia", "1765793654"), out var problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Decrypted_bytes_that_are_not_UTF_8_are_a_reason_not_an_exception()
    {
        var key = BpjsPayloadCipher.Key("1", "2", "3");
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        var sealedBytes = aes.EncryptCbc(new byte[] { 0xff, 0xfe, 0xc3 }, key.AsSpan(0, 16));

        Assert.Null(BpjsPayloadCipher.TryDecrypt(Convert.ToBase64String(sealedBytes), key, out var problem));
        Assert.Contains("UTF-8", problem, StringComparison.Ordinal);
    }
}
