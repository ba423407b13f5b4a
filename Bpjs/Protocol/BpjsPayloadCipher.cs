using System.Security.Cryptography;
using System.Text;

namespace Kiosk.Bpjs.Protocol;

/// <summary>
/// The encryption of BPJS's response payloads: AES-256-CBC with PKCS#7 padding, the key SHA-256 of
/// <c>consId + secret + timestamp</c> (the request's <c>X-timestamp</c>), the IV the key's first 16 bytes, the cipher
/// text Base64. Inside is the LZ-string of the JSON (<see cref="LzString"/>).
/// </summary>
public static class BpjsPayloadCipher
{
    public static byte[] Key(string consId, string secret, string timestamp) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(consId + secret + timestamp));

    public static string Encrypt(string plain, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(plain);
        using var aes = Create(key);
        return Convert.ToBase64String(aes.EncryptCbc(Encoding.UTF8.GetBytes(plain), key.AsSpan(0, 16), PaddingMode.PKCS7));
    }

    /// <summary>The plain text, or null with the reason: not Base64, not whole blocks, a wrong key (bad padding), not UTF-8.</summary>
    public static string? TryDecrypt(string cipherText, byte[] key, out string problem)
    {
        ArgumentNullException.ThrowIfNull(cipherText);
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(cipherText);
        }
        catch (FormatException)
        {
            problem = "the payload is not Base64";
            return null;
        }

        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            problem = $"the payload is {cipher.Length} bytes, not whole AES blocks";
            return null;
        }

        byte[] plain;
        try
        {
            using var aes = Create(key);
            plain = aes.DecryptCbc(cipher, key.AsSpan(0, 16), PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            problem = "the payload does not decrypt with this key (bad padding)";
            return null;
        }

        try
        {
            problem = string.Empty;
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(plain);
        }
        catch (DecoderFallbackException)
        {
            problem = "the decrypted payload is not UTF-8";
            return null;
        }
    }

    /// <summary>Decrypt, then decompress: the JSON text inside a response, or null with the reason.</summary>
    public static string? TryOpen(string cipherText, byte[] key, out string problem)
    {
        var compressed = TryDecrypt(cipherText, key, out problem);
        if (compressed is null)
        {
            return null;
        }

        var json = LzString.DecompressFromEncodedUriComponent(compressed);
        if (json is null)
        {
            problem = "the decrypted payload is not LZ-string";
            return null;
        }

        return json;
    }

    /// <summary>Compress, then encrypt: what BPJS puts in <c>response</c>.</summary>
    public static string Seal(string json, byte[] key) => Encrypt(LzString.CompressToEncodedUriComponent(json), key);

    private static Aes Create(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("An AES-256 key is 32 bytes.", nameof(key));
        }

        var aes = Aes.Create();
        aes.Key = key;
        return aes;
    }
}
