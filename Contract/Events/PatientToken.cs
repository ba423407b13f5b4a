using System.Buffers.Text;

namespace Kiosk.Contract.Events;

/// <summary>
/// The ticket's patient-page token: a version-4 UUID's 122 random bits from the operating system's CSPRNG, its 16
/// bytes in base64url without padding (22 characters of <c>A-Z a-z 0-9 - _</c>). The kiosk makes one per ticket at issue and prints it in the ticket's QR
/// code; the screens host finds the ticket by it. It names a ticket and nothing else (no personal data), and cannot be
/// guessed from the ticket's number or id: the id is a UUIDv7 whose first 48 bits are the issue time, and it is shown
/// to every loket page.
/// </summary>
public static class PatientToken
{
    public const int RandomBytes = 16;

    /// <summary>Characters of a token: base64url of <see cref="RandomBytes"/> bytes, unpadded.</summary>
    public const int Length = 22;

    /// <remarks>
    /// <see cref="Guid.NewGuid"/> reads the kernel's CSPRNG directly on Linux (getrandom, /dev/urandom), where
    /// <c>RandomNumberGenerator</c> goes through OpenSSL: the kiosk process never needed libssl, and under the arm64
    /// package test (qemu with only libc and libstdc++) loading it aborted the kiosk at its first ticket.
    /// </remarks>
    public static string New()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        Guid.NewGuid().TryWriteBytes(random);
        return Base64Url.EncodeToString(random);
    }

    /// <summary>True for text that can be a token (length and alphabet): anything else is refused before a lookup.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        if (text.Length != Length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return true;
    }
}
