using System.Text;
using Kiosk.DeviceDrivers.Scanning;

namespace Kiosk.DeviceDrivers.Tests.Scanning;

public sealed class ScanParserTests
{
    private readonly ScanParser parser = new(new ScanParserOptions());

    private RejectedScan Rejected(string text) => Assert.IsType<RejectedScan>(parser.Parse(text));

    [Fact]
    public void A_kartu_berobat_gives_the_medical_record_number()
    {
        Assert.Equal(new MedicalRecordScan("00123456"), parser.Parse("RM-00123456"));
        Assert.Equal(new MedicalRecordScan("00123456"), parser.Parse("  RM00123456 "));
    }

    [Fact]
    public void The_kartu_berobat_format_comes_from_configuration()
    {
        var custom = new ScanParser(new ScanParserOptions { MedicalRecordPattern = @"^PKM-KM/(?<number>\d{2}\.\d{2}\.\d{2})$" });

        Assert.Equal(new MedicalRecordScan("01.23.45"), custom.Parse("PKM-KM/01.23.45"));
        Assert.IsType<RejectedScan>(custom.Parse("RM-00123456"));
    }

    [Fact]
    public void Thirteen_digits_are_a_BPJS_KIS_card()
    {
        Assert.Equal(new BpjsCardScan("0001234567890"), parser.Parse("0001234567890"));
        Assert.Equal(ScanRejection.InvalidBpjsNumber, Rejected("0000000000000").Reason);
    }

    [Fact]
    public void A_valid_NIK_gives_province_birth_date_and_sex()
    {
        Assert.Equal(new NikScan("3271046504930001", 32, 25, 4, 93, IsFemale: true), parser.Parse("3271046504930001"));
        Assert.Equal(new NikScan("3171012508900002", 31, 25, 8, 90, IsFemale: false), parser.Parse("3171012508900002"));
        Assert.Equal(new NikScan("9401012902000003", 94, 29, 2, 0, IsFemale: false), parser.Parse("9401012902000003"));
    }

    [Theory]
    [InlineData("9971046504930001", "province code 99 does not exist")]
    [InlineData("3200046504930001", "regency or district code is 00")]
    [InlineData("3271043504930001", "birth day 35 is not a day")]
    [InlineData("3271047204930001", "birth day 72 is not a day")]
    [InlineData("3271043102930001", "birth day 31 is not a day of month 02")]
    [InlineData("3271042902930001", "birth day 29 is not a day of month 02")]
    [InlineData("3271040113930001", "birth month 13 does not exist")]
    [InlineData("3271046504930000", "serial number is 0000")]
    public void An_invalid_NIK_is_rejected_with_the_reason_and_a_masked_number(string nik, string reason)
    {
        var rejected = Rejected(nik);

        Assert.Equal(ScanRejection.InvalidNik, rejected.Reason);
        Assert.Contains(reason, rejected.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(nik, rejected.Detail, StringComparison.Ordinal);
        Assert.Equal("NIK tidak valid. Silakan tunjukkan KTP Anda ke petugas loket.", rejected.PatientMessage);
    }

    [Fact]
    public void A_Mobile_JKN_booking_code_is_recognised_with_or_without_prefix()
    {
        Assert.Equal(new JknBookingScan("20261122A012", new DateOnly(2026, 11, 22)), parser.Parse("JKN:20261122A012"));
        Assert.Equal(new JknBookingScan("20261122B0123", new DateOnly(2026, 11, 22)), parser.Parse("20261122B0123"));
        Assert.Equal(ScanRejection.UnknownFormat, Rejected("20261322A012").Reason);
    }

    [Theory]
    [InlineData("00012345", ScanRejection.WrongDigitCount)]
    [InlineData("000123456789", ScanRejection.WrongDigitCount)]
    [InlineData("327104650493000", ScanRejection.WrongDigitCount)]
    [InlineData("32710465049300011", ScanRejection.WrongDigitCount)]
    [InlineData("", ScanRejection.Empty)]
    [InlineData("    ", ScanRejection.Empty)]
    [InlineData("hello world", ScanRejection.UnknownFormat)]
    [InlineData("https://example.com/?q=1", ScanRejection.UnknownFormat)]
    [InlineData("0001234\t567890", ScanRejection.ControlCharacters)]
    [InlineData("0001234567890\u001B[2J", ScanRejection.ControlCharacters)]
    [InlineData("00012345\u00E967890", ScanRejection.BinaryNoise)]
    [InlineData("\u00FF\u00FE\u0000\u0001", ScanRejection.BinaryNoise)]
    [InlineData("12\uFFFD45", ScanRejection.UnknownKey)]
    public void Everything_else_is_rejected_with_its_reason(string text, ScanRejection reason)
    {
        var rejected = Rejected(text);

        Assert.Equal(reason, rejected.Reason);
        Assert.False(rejected.IsAccepted);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Detail));
        Assert.Contains("Silakan", rejected.PatientMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_long_input_is_rejected_before_any_pattern_runs()
    {
        var rejected = Rejected(new string('1', 65));

        Assert.Equal(ScanRejection.TooLong, rejected.Reason);
        Assert.Contains("65 characters, at most 64", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void How_the_reader_ended_the_scan_counts_half_and_overflowing_scans_are_rejected()
    {
        var half = parser.Parse(new RawScan("000123456", ScanEnd.Interrupted, "test", DateTimeOffset.UtcNow));
        var overflow = parser.Parse(new RawScan(new string('1', 40), ScanEnd.Overflow, "test", DateTimeOffset.UtcNow));
        var byGap = parser.Parse(new RawScan("0001234567890", ScanEnd.Gap, "test", DateTimeOffset.UtcNow));

        Assert.Equal(ScanRejection.IncompleteScan, Assert.IsType<RejectedScan>(half).Reason);
        Assert.Equal("Pemindaian terputus. Silakan pindai ulang kartu Anda.", ((RejectedScan)half).PatientMessage);
        Assert.Equal(ScanRejection.TooLong, Assert.IsType<RejectedScan>(overflow).Reason);
        Assert.Equal(new BpjsCardScan("0001234567890"), byGap);
    }

    [Fact]
    public void Card_types_can_be_switched_off()
    {
        var strict = new ScanParser(new ScanParserOptions { AcceptNik = false, AcceptBpjs = false, AcceptJknBooking = false });

        Assert.Equal(ScanRejection.WrongDigitCount, Assert.IsType<RejectedScan>(strict.Parse("3271046504930001")).Reason);
        Assert.Equal(ScanRejection.WrongDigitCount, Assert.IsType<RejectedScan>(strict.Parse("0001234567890")).Reason);
        Assert.Equal(ScanRejection.UnknownFormat, Assert.IsType<RejectedScan>(strict.Parse("20261122A012")).Reason);
    }

    [Theory]
    [InlineData("(unclosed", "MedicalRecordPattern is not a valid regular expression")]
    [InlineData(".*", "matches empty text")]
    public void A_bad_pattern_in_configuration_is_a_clear_error(string pattern, string expected)
    {
        var error = Assert.Throws<DeviceConfigurationException>(() => new ScanParser(new ScanParserOptions { MedicalRecordPattern = pattern }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_pattern_times_out_into_a_rejection_instead_of_hanging()
    {
        var careless = new ScanParser(new ScanParserOptions { MedicalRecordPattern = @"^(\d|\d\d)+$", PatternTimeoutMs = 5 });

        var rejected = Assert.IsType<RejectedScan>(careless.Parse(new string('1', 60) + "x"));

        Assert.Contains("timed out", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_mask_personal_numbers_when_logged()
    {
        Assert.DoesNotContain("3271046504930001", parser.Parse("3271046504930001").ToString(), StringComparison.Ordinal);
        Assert.Contains("3271********0001", parser.Parse("3271046504930001").ToString(), StringComparison.Ordinal);
        Assert.Contains("0001*****7890", parser.Parse("0001234567890").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("0001234567890", new RawScan("0001234567890", ScanEnd.Terminator, "t", DateTimeOffset.UnixEpoch).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fuzzed_bytes_never_crash_the_parser_and_never_pass_as_a_card_unless_they_are_one()
    {
        var random = new Random(6);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 90)];
            random.NextBytes(bytes);
            if (i % 3 == 0)
            {
                // Mostly digits, to walk the BPJS/NIK paths with near-misses.
                for (var j = 0; j < bytes.Length; j++)
                {
                    bytes[j] = random.Next(10) == 0 ? bytes[j] : (byte)('0' + random.Next(10));
                }
            }

            var text = Encoding.Latin1.GetString(bytes);
            var result = parser.Parse(new RawScan(text, (ScanEnd)random.Next(0, 4), "fuzz", DateTimeOffset.UtcNow));

            switch (result)
            {
                case BpjsCardScan bpjs:
                    Assert.Matches("^[0-9]{13}$", bpjs.CardNumber);
                    break;
                case NikScan nik:
                    Assert.Matches("^[0-9]{16}$", nik.Nik);
                    break;
                case RejectedScan rejected:
                    Assert.False(string.IsNullOrEmpty(rejected.PatientMessage));
                    break;
                default:
                    Assert.True(result.IsAccepted);
                    Assert.DoesNotContain(text, c => char.IsControl(c) || c > '\u007E');
                    break;
            }
        }
    }
}
