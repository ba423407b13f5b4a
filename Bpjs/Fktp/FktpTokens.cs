using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Kiosk.Bpjs.Fktp;

/// <summary>
/// The tokens of the FKTP service: stateless, <c>{payload}.{mac}</c> in base64url, where the payload is a version byte,
/// the expiry (Unix seconds) and a random nonce, and the mac is HMAC-SHA256 over the payload and the user name, keyed
/// with 32 random bytes drawn when the bridge starts.
/// </summary>
/// <remarks>
/// Stateless rather than stored: nothing to keep, nothing that grows when BPJS (or anyone) asks for tokens in a loop,
/// and a bridge restart simply retires every token (BPJS asks for a new one on "token kedaluwarsa", as the SIMPUS
/// implementations expect). The user name is in the mac, so a token is good only with the <c>x-username</c> it was
/// given to. Nothing else about the caller is in it: the service has one login.
/// </remarks>
public sealed class FktpTokens
{
    /// <summary>The longest token read; anything longer is refused before decoding.</summary>
    public const int MaxTokenLength = 128;

    private const byte Version = 1;
    private const int PayloadLength = 1 + 8 + 16;
    private const int MacLength = 32;
    private readonly byte[] key;
    private readonly TimeSpan lifetime;
    private readonly TimeProvider time;

    public FktpTokens(TimeSpan lifetime, TimeProvider time, byte[]? key = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        this.lifetime = lifetime;
        this.time = time;
        this.key = key is { Length: >= 32 } ? key : RandomNumberGenerator.GetBytes(32);
    }

    public string Issue(string username)
    {
        Span<byte> payload = stackalloc byte[PayloadLength];
        payload[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(payload[1..], (time.GetUtcNow() + lifetime).ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(payload[9..]);
        return $"{Base64Url(payload)}.{Base64Url(Mac(payload, username))}";
    }

    /// <summary>True for a token this bridge issued to <paramref name="username"/> that has not expired; false for anything else.</summary>
    public bool IsValid(string? token, string? username)
    {
        if (token is not { Length: > 0 and <= MaxTokenLength } || username is null || username.Length > 256)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.IndexOf('.', dot + 1) >= 0)
        {
            return false;
        }

        Span<byte> payload = stackalloc byte[PayloadLength + 3];
        Span<byte> mac = stackalloc byte[MacLength + 3];
        if (!TryFromBase64Url(token.AsSpan(0, dot), payload, out var payloadLength) || payloadLength != PayloadLength
            || !TryFromBase64Url(token.AsSpan(dot + 1), mac, out var macLength) || macLength != MacLength)
        {
            return false;
        }

        // The mac first, in constant time: an expiry is read only from a payload this bridge wrote.
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], Mac(payload[..PayloadLength], username)) || payload[0] != Version)
        {
            return false;
        }

        var expires = BinaryPrimitives.ReadInt64BigEndian(payload[1..9]);
        return time.GetUtcNow().ToUnixTimeSeconds() < expires;
    }

    /// <summary>Equal texts in a time that does not depend on where they differ (the hashes have the same length).</summary>
    public static bool SameSecret(string? given, string expected)
    {
        var left = SHA256.HashData(Encoding.UTF8.GetBytes(given ?? string.Empty));
        var right = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(left, right) && given is not null;
    }

    private byte[] Mac(ReadOnlySpan<byte> payload, string username)
    {
        var name = Encoding.UTF8.GetBytes(username);
        var message = new byte[payload.Length + name.Length];
        payload.CopyTo(message);
        name.CopyTo(message.AsSpan(payload.Length));
        return HMACSHA256.HashData(key, message);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(ReadOnlySpan<char> text, Span<byte> into, out int written)
    {
        written = 0;
        if (text.Length > MaxTokenLength)
        {
            return false;
        }

        Span<char> padded = stackalloc char[MaxTokenLength + 4];
        var length = 0;
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }

            padded[length++] = c switch { '-' => '+', '_' => '/', _ => c };
        }

        while (length % 4 != 0)
        {
            padded[length++] = '=';
        }

        return Convert.TryFromBase64Chars(padded[..length], into, out written);
    }
}
