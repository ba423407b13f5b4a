using Kiosk.DeviceDrivers.Scanning;

namespace Kiosk.DeviceDrivers.Tests.Scanning;

public sealed class PersonalNumberTests
{
    [Theory]
    [InlineData("000100005678", "0001****5678")]
    [InlineData("0001234567890", "0001*****7890")]
    [InlineData("3271046504930001", "3271********0001")]
    [InlineData("RM-00123", "RM****23")]
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Numbers_keep_only_their_ends(string? value, string masked)
    {
        Assert.Equal(masked, PersonalNumber.Mask(value));
    }

    [Fact]
    public void Control_characters_and_floods_cannot_garble_the_log()
    {
        Assert.Equal("?1*****7?", PersonalNumber.Mask("\u001b1234567\n"));
        Assert.Equal("?123****89??", PersonalNumber.Mask("\u001b123456789\n\u00ff"));
        var flood = PersonalNumber.Mask(new string('9', 10_000));
        Assert.EndsWith("…(10000 chars)", flood, StringComparison.Ordinal);
        Assert.True(flood.Length < 60);
    }
}
