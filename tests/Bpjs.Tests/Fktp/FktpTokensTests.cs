using Kiosk.Bpjs.Fktp;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Bpjs.Tests.Fktp;

/// <summary>The stateless tokens: good for their user until they expire, and nothing else is ever a token.</summary>
public sealed class FktpTokensTests
{
    private readonly FakeTimeProvider time = new(FktpRig.Morning);

    [Fact]
    public void A_token_is_good_for_its_user_until_it_expires()
    {
        var tokens = new FktpTokens(TimeSpan.FromMinutes(30), time);
        var token = tokens.Issue("mobilejkn");

        Assert.True(tokens.IsValid(token, "mobilejkn"));
        Assert.False(tokens.IsValid(token, "MOBILEJKN"));
        Assert.False(tokens.IsValid(token, "mobilejkn "));
        time.Advance(TimeSpan.FromMinutes(29));
        Assert.True(tokens.IsValid(token, "mobilejkn"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(tokens.IsValid(token, "mobilejkn"));
    }

    [Fact]
    public void Two_tokens_differ_and_a_restarted_bridge_takes_none_of_the_old_ones()
    {
        var tokens = new FktpTokens(TimeSpan.FromMinutes(30), time);
        var restarted = new FktpTokens(TimeSpan.FromMinutes(30), time);

        var first = tokens.Issue("mobilejkn");
        Assert.NotEqual(first, tokens.Issue("mobilejkn"));
        Assert.False(restarted.IsValid(first, "mobilejkn"));
    }

    [Fact]
    public void Every_changed_character_makes_a_token_invalid()
    {
        var tokens = new FktpTokens(TimeSpan.FromMinutes(30), time);
        var token = tokens.Issue("mobilejkn");
        var lastOfPayload = token.IndexOf('.', StringComparison.Ordinal) - 1;

        for (var i = 0; i < token.Length; i++)
        {
            foreach (var replacement in "A_-.=+/ ")
            {
                if (token[i] == replacement)
                {
                    continue;
                }

                var changed = string.Concat(token.AsSpan(0, i), replacement.ToString(), token.AsSpan(i + 1));
                // Base64 without padding may read two spellings of the last character as the same bytes; a changed
                // token is refused unless it decodes to exactly the bytes that were signed.
                if (tokens.IsValid(changed, "mobilejkn"))
                {
                    Assert.True(i == lastOfPayload || i == token.Length - 1, $"character {i} changed to '{replacement}' still passed");
                }
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("a.b")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb2JpbGVqa24ifQ.c2ln")]
    [InlineData("\u0000\u0001.\u00ff")]
    public void Garbage_is_never_a_token(string? garbage)
    {
        var tokens = new FktpTokens(TimeSpan.FromMinutes(30), time);

        Assert.False(tokens.IsValid(garbage, "mobilejkn"));
        Assert.False(tokens.IsValid(tokens.Issue("mobilejkn"), null));
    }

    [Fact]
    public void Secrets_compare_equal_only_when_equal()
    {
        Assert.True(FktpTokens.SameSecret("sandi-rahasia-123", "sandi-rahasia-123"));
        Assert.False(FktpTokens.SameSecret("sandi-rahasia-12", "sandi-rahasia-123"));
        Assert.False(FktpTokens.SameSecret(null, string.Empty));
        Assert.False(FktpTokens.SameSecret(string.Empty, "x"));
    }
}
