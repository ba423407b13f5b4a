using System.Text.RegularExpressions;

namespace Kiosk.Queue.Privacy;

/// <summary>
/// Masks card-number-like digits in free text an officer types (an emergency's <c>reason</c>, "pasien NIK 3171…"),
/// before it is stored or exported: any run of 6 or more digits (NIK 16, BPJS/KIS 13, kartu berobat 6-8, a phone
/// number) keeps only its last four. Shorter runs (dates, times, ages, room numbers) stay readable.
/// </summary>
public static partial class CardNumberText
{
    public static string? Mask(string? text) =>
        text is null ? null : CardLikeDigits().Replace(text, match => new string('*', match.Length - 4) + match.Value[^4..]);

    [GeneratedRegex(@"\d{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex CardLikeDigits();
}
