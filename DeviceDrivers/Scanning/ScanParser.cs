using System.Text.RegularExpressions;
using Kiosk.DeviceDrivers.Text;

namespace Kiosk.DeviceDrivers.Scanning;

/// <summary>
/// Judges a scan: the kartu berobat (configured pattern), a Mobile JKN booking code, a 13-digit BPJS/KIS number or a
/// 16-digit NIK; everything else is a <see cref="RejectedScan"/> with a reason for the log and a message for the
/// patient. Never throws on input, whatever bytes arrive.
/// </summary>
public sealed class ScanParser
{
    private const string ScanAgain = DriverTeks.Pasien.ScanAgain;
    private readonly ScanParserOptions options;
    private readonly Regex medicalRecord;
    private readonly Regex jknBooking;

    public ScanParser(ScanParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxLength is < 8 or > 4096)
        {
            throw new DeviceConfigurationException($"Scan MaxLength {options.MaxLength} must be 8..4096.");
        }

        this.options = options;
        var timeout = TimeSpan.FromMilliseconds(Math.Clamp(options.PatternTimeoutMs, 1, 1000));
        medicalRecord = Compile(options.MedicalRecordPattern, nameof(options.MedicalRecordPattern), timeout);
        jknBooking = Compile(options.JknBookingPattern, nameof(options.JknBookingPattern), timeout);
        if (medicalRecord.IsMatch(string.Empty) || jknBooking.IsMatch(string.Empty))
        {
            throw new DeviceConfigurationException("A scan pattern matches empty text, so it would accept anything; anchor it (^...$) and require characters.");
        }
    }

    public ScanResult Parse(RawScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return scan.End switch
        {
            ScanEnd.Interrupted => Reject(ScanRejection.IncompleteScan, $"the reader was lost after {scan.Text.Length} characters", DriverTeks.Pasien.ScanInterrupted),
            ScanEnd.Overflow => Reject(ScanRejection.TooLong, $"more than {scan.Text.Length} characters without an end", ScanAgain),
            _ => Parse(scan.Text),
        };
    }

    public ScanResult Parse(string? text)
    {
        if (text is null)
        {
            return Reject(ScanRejection.Empty, "no text", DriverTeks.Pasien.NothingRead);
        }

        if (text.Length > options.MaxLength)
        {
            return Reject(ScanRejection.TooLong, $"{text.Length} characters, at most {options.MaxLength} expected", ScanAgain);
        }

        // Readers often pad with spaces or send a stray prefix space; they are never part of a number.
        var trimmed = text.Trim(' ');
        if (trimmed.Length == 0)
        {
            return Reject(ScanRejection.Empty, "only spaces", DriverTeks.Pasien.NothingRead);
        }

        if (trimmed.Contains(Input.KeyboardWedgeDecoder.UnknownKey, StringComparison.Ordinal))
        {
            return Reject(ScanRejection.UnknownKey, "the reader sent keys outside the keyboard layout (check the reader's layout setting)", ScanAgain);
        }

        var nonAscii = trimmed.Count(c => c > '\u007E');
        if (nonAscii > 0)
        {
            return Reject(ScanRejection.BinaryNoise, $"{nonAscii} of {trimmed.Length} characters are not printable ASCII (noise or wrong baud rate)", ScanAgain);
        }

        var control = trimmed.Count(char.IsControl);
        if (control > 0)
        {
            return Reject(ScanRejection.ControlCharacters, $"{control} control character(s) in the scan", ScanAgain);
        }

        try
        {
            if (Match(medicalRecord, trimmed, "number") is { } number)
            {
                return new MedicalRecordScan(number);
            }

            if (options.AcceptJknBooking && jknBooking.Match(trimmed) is { Success: true } booking)
            {
                var code = booking.Groups["code"] is { Success: true } group ? group.Value : booking.Value;
                var date = booking.Groups["date"] is { Success: true } day
                    && DateOnly.TryParseExact(day.Value, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var visit)
                        ? visit : (DateOnly?)null;
                return new JknBookingScan(code, date);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return Reject(ScanRejection.UnknownFormat, "a configured scan pattern timed out on this input", ScanAgain);
        }

        if (trimmed.All(char.IsAsciiDigit))
        {
            return ParseDigits(trimmed);
        }

        return Reject(ScanRejection.UnknownFormat, $"{trimmed.Length} characters matching no known card or code",
            DriverTeks.Pasien.CardNotRecognised);
    }

    private ScanResult ParseDigits(string digits)
    {
        if (digits.Length == 13 && options.AcceptBpjs)
        {
            return digits.All(c => c == '0')
                ? Reject(ScanRejection.InvalidBpjsNumber, "BPJS/KIS number is all zeros", DriverTeks.Pasien.BpjsNumberInvalid)
                : new BpjsCardScan(digits);
        }

        if (digits.Length == 16 && options.AcceptNik)
        {
            var (nik, problem) = NikValidator.Validate(digits);
            return nik ?? (ScanResult)Reject(ScanRejection.InvalidNik, $"NIK {PersonalNumber.Mask(digits)} is invalid: {problem}",
                DriverTeks.Pasien.NikInvalid);
        }

        return Reject(ScanRejection.WrongDigitCount, $"{digits.Length} digits: neither a BPJS/KIS number (13) nor a NIK (16); probably half a scan",
            DriverTeks.Pasien.NumberIncomplete);
    }

    private static string? Match(Regex pattern, string text, string group)
    {
        var match = pattern.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var captured = match.Groups[group];
        return captured.Success ? captured.Value : match.Value;
    }

    private static RejectedScan Reject(ScanRejection reason, string detail, string patientMessage) => new(reason, detail, patientMessage);

    private static Regex Compile(string pattern, string name, TimeSpan timeout)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, timeout);
        }
        catch (ArgumentException ex)
        {
            throw new DeviceConfigurationException($"Scan setting {name} is not a valid regular expression: {ex.Message}", ex);
        }
    }
}
