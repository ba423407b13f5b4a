using System.Buffers.Text;
using Kiosk.Contract.Events;

namespace Kiosk.Contract.Tests;

public sealed class PatientTokenTests
{
    [Fact]
    public void A_token_is_22_base64url_characters_of_16_random_bytes()
    {
        var token = PatientToken.New();

        Assert.Equal(PatientToken.Length, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", token);
        Assert.Equal(PatientToken.RandomBytes, Base64Url.DecodeFromChars(token).Length);
        Assert.True(PatientToken.IsWellFormed(token));
    }

    [Fact]
    public void Tokens_do_not_repeat_and_use_the_whole_alphabet()
    {
        var tokens = Enumerable.Range(0, 100_000).Select(_ => PatientToken.New()).ToList();

        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());

        // Every one of the 64 characters turns up in the first 21 positions (the 22nd carries 2 bits): no fixed part.
        var seen = tokens.SelectMany(t => t[..21]).ToHashSet();
        Assert.Equal(64, seen.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA/")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA.")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA ")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA\0")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAä")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA٣")]
    [InlineData("../../../../etc/passwd")]
    public void Text_that_cannot_be_a_token_is_refused(string text) => Assert.False(PatientToken.IsWellFormed(text));
}
