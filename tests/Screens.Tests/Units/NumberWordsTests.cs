using Kiosk.Screens.Voice;

namespace Kiosk.Screens.Tests.Units;

public sealed class NumberWordsTests
{
    [Theory]
    [InlineData(0, "nol")]
    [InlineData(1, "satu")]
    [InlineData(9, "sembilan")]
    [InlineData(10, "sepuluh")]
    [InlineData(11, "sebelas")]
    [InlineData(12, "dua belas")]
    [InlineData(19, "sembilan belas")]
    [InlineData(20, "dua puluh")]
    [InlineData(21, "dua puluh satu")]
    [InlineData(99, "sembilan puluh sembilan")]
    [InlineData(100, "seratus")]
    [InlineData(101, "seratus satu")]
    [InlineData(110, "seratus sepuluh")]
    [InlineData(111, "seratus sebelas")]
    [InlineData(115, "seratus lima belas")]
    [InlineData(200, "dua ratus")]
    [InlineData(512, "lima ratus dua belas")]
    [InlineData(999, "sembilan ratus sembilan puluh sembilan")]
    public void Reads_numbers_as_an_Indonesian_queue_call(int number, string words) =>
        Assert.Equal(words, string.Join(' ', NumberWords.ToWords(number)));

    /// <summary>The whole range 0-999, checked against an independent reading of the rule.</summary>
    [Fact]
    public void Every_number_from_0_to_999_follows_the_rule_and_uses_only_known_clips()
    {
        string[] digits = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];
        string Below100(int n) => n switch
        {
            0 => "",
            < 10 => digits[n],
            10 => "sepuluh",
            11 => "sebelas",
            < 20 => digits[n % 10] + " belas",
            _ => (digits[n / 10] + " puluh " + (n % 10 == 0 ? "" : digits[n % 10])).Trim(),
        };
        for (var n = 0; n <= 999; n++)
        {
            var hundreds = (n / 100) switch { 0 => "", 1 => "seratus", var h => digits[h] + " ratus" };
            var expected = n == 0 ? "nol" : $"{hundreds} {Below100(n % 100)}".Trim();
            var words = NumberWords.ToWords(n);
            Assert.Equal(expected, string.Join(' ', words));
            Assert.All(words, w => Assert.Contains(w, NumberWords.AllClips));
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Refuses_numbers_outside_0_to_999(int number) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NumberWords.ToWords(number));
}
