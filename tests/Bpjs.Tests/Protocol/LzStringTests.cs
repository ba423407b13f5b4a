using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Tests.Protocol;

/// <summary>The hand-written LZ-string on its own (the npm package is the judge in <see cref="NodeCrossCheckTests"/>).</summary>
public sealed class LzStringTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ababababababababababab")]
    [InlineData("Antrean sudah terdaftar — Poli Umum 🙂")]
    public void What_it_compresses_it_decompresses(string text)
    {
        var compressed = LzString.CompressToEncodedUriComponent(text);

        Assert.Matches("^[A-Za-z0-9+$-]*$", compressed);
        Assert.Equal(text, LzString.DecompressFromEncodedUriComponent(compressed));
    }

    [Fact]
    public void The_empty_text_is_Q_and_an_empty_input_is_null_as_in_npm()
    {
        Assert.Equal("Q", LzString.CompressToEncodedUriComponent(string.Empty));
        Assert.Null(LzString.DecompressFromEncodedUriComponent(string.Empty));
    }

    [Fact]
    public void A_lone_surrogate_survives_as_in_JavaScript()
    {
        var text = "a\ud800b\udc00";
        Assert.Equal(text, LzString.DecompressFromEncodedUriComponent(LzString.CompressToEncodedUriComponent(text)));
    }

    [Fact]
    public void Output_beyond_the_limit_is_null_not_memory()
    {
        var compressed = LzString.CompressToEncodedUriComponent(new string('x', 100_000));

        Assert.Null(LzString.DecompressFromEncodedUriComponent(compressed, maxOutputChars: 1000));
        Assert.Equal(100_000, LzString.DecompressFromEncodedUriComponent(compressed)!.Length);
    }

    [Theory]
    [InlineData("////")]
    [InlineData("~~~~~~~~~~~~")]
    [InlineData("ÿÿÿÿ")]
    [InlineData("$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$")]
    public void Garbage_gives_a_text_or_null_never_an_exception(string garbage)
    {
        var exception = Record.Exception(() => LzString.DecompressFromEncodedUriComponent(garbage));
        Assert.Null(exception);
    }
}
