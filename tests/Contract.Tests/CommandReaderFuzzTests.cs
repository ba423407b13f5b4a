using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kiosk.Contract.Commands;
using Kiosk.TestSupport;

namespace Kiosk.Contract.Tests;

/// <summary>
/// A command payload comes from any loket, or anything that can publish on its topic: <see cref="CommandReader.TryRead"/>
/// gives exactly one answer, the command or a refusal with a message for the officer, and never throws. The fuzz
/// corpus (fuzz/seeds/command, fuzz/findings/command) is replayed here; the findings are the payloads afl-fuzz found
/// throwing <see cref="InvalidOperationException"/>: invalid UTF-8 inside a JSON string, and a lone surrogate escape
/// ("\ud800", "\udc00") in a string value or in any property name (TryGetProperty unescapes the names it passes).
/// </summary>
public sealed class CommandReaderFuzzTests
{
    public static TheoryData<string> Corpus => FuzzCorpus.Inputs("command");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_fuzz_input_gets_exactly_one_answer(string input) =>
        Assert.True(AnswersOnce(FuzzCorpus.Read(input)), input);

    [Fact]
    public void Any_payload_gets_exactly_one_answer_and_never_a_throw()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(Payloads.ToArbitrary(), AnswersOnce));
    }

    /// <summary>Raw bytes, real commands with bytes changed, and commands whose strings carry what a JSON reader can trip on.</summary>
    private static Gen<byte[]> Payloads
    {
        get
        {
            var seeds = FuzzCorpus.Files("command").Select(FuzzCorpus.Read).Where(b => b.Length > 0).ToArray();
            var bytes = Gen.Choose(0, 255).Select(b => (byte)b);
            var raw = Gen.Choose(0, 200).SelectMany(n => Gen.ArrayOf(bytes, n));
            var mutated =
                from seed in Gen.Elements(seeds)
                from changes in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 10_000), bytes), 4)
                select Mutate(seed, changes);
            var pieces = Gen.Elements(
                "A-001", "", " ", "loket1-0001", "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\\\"", "é", "🙂",
                "call-next", "transfer", "no-show", "1.0", "9.9");
            var text = Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(pieces, n)).Select(p => string.Concat(p));
            var rawByte = Gen.Elements<byte[]>([0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], []);
            var value = Gen.OneOf(
                from t in text from junk in rawByte select Encoding.UTF8.GetBytes($"\"{t}").Concat(junk).Concat("\""u8.ToArray()).ToArray(),
                Gen.Elements("null", "1", "-1", "0", "21", "1e400", "true", "[]", "{}").Select(Encoding.UTF8.GetBytes));
            // Names too: JsonElement.TryGetProperty unescapes every name it passes, so a lone surrogate in any name matters.
            var fields = Gen.Frequency(
                (4, Gen.Elements("contractVersion", "commandId", "type", "sentAt", "ticketNumber", "poli", "service", "category", "payer", "priority", "familySize", "reason")),
                (1, text));
            var member = from name in fields from v in value select Encoding.UTF8.GetBytes($"\"{name}\":").Concat(v).ToArray();
            var shaped = Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(member, n))
                .Select(members => Encoding.UTF8.GetBytes("{").Concat(Join(members)).Concat("}"u8.ToArray()).ToArray());
            return Gen.OneOf(raw, mutated, shaped);
        }
    }

    private static bool AnswersOnce(byte[] payload)
    {
        var accepted = CommandReader.TryRead(payload, out var command, out var refusal);
        return accepted
            ? command is not null && refusal is null
            : command is null && refusal is not null && !string.IsNullOrWhiteSpace(refusal.Message);
    }

    private static byte[] Mutate(byte[] seed, (int Position, byte Value)[] changes)
    {
        var copy = seed.ToArray();
        foreach (var (position, value) in changes)
        {
            copy[position % copy.Length] = value;
        }

        return copy;
    }

    private static IEnumerable<byte> Join(byte[][] members) =>
        members.SelectMany((m, i) => i == 0 ? m : [(byte)',', .. m]);
}
