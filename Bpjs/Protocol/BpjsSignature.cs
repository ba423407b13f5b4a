using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Kiosk.Bpjs.Protocol;

/// <summary>
/// The request signature of BPJS's web services (VClaim, PCare, Antrean RS and Antrean FKTP alike): the header
/// <c>X-signature</c> is Base64 of HMAC-SHA256 over <c>"{consId}&amp;{timestamp}"</c> keyed with the consumer secret,
/// where <c>X-timestamp</c> is UTC Unix seconds as a decimal string.
/// </summary>
public static class BpjsSignature
{
    public static string Timestamp(DateTimeOffset now) => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string Compute(string consId, string secret, string timestamp)
    {
        var message = Encoding.UTF8.GetBytes($"{consId}&{timestamp}");
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>Compares in constant time, so the double does not tell a caller how much of a guess was right.</summary>
    public static bool Matches(string consId, string secret, string timestamp, string? signature)
    {
        if (signature is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(consId, secret, timestamp));
        var given = Encoding.UTF8.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
