using System.Text;
using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using Microsoft.Data.Sqlite;
using CardData = Kiosk.Queue.Model.CardData;

namespace Kiosk.Queue.Tests;

/// <summary>
/// Card numbers at rest, read as bytes: after the day close no full card number is anywhere in the ticket log's files
/// (database, -wal, -shm), whether in a row, a stored counter reply, a freed cell or an old WAL frame.
/// </summary>
public sealed class CardDataAtRestTests
{
    private static readonly CardData[] Cards =
    [
        new(CardKind.Nik, "3171234501900001"),
        new(CardKind.Nik, "6471055708850002"),
        new(CardKind.Bpjs, "0001234567890"),
        new(CardKind.Bpjs, "0002876543219"),
        new(CardKind.MedicalRecord, "RM00012345"),
        new(CardKind.MedicalRecord, "RM00067891"),
    ];

    // Typed by an officer or the kiosk into free text, never read from a card.
    private const string NikInReason = "3302114412760003";
    private const string NikInVoidNote = "3515086007900004";
    private const string EmergencyCard = "0003456789012";

    [Fact]
    public void After_the_day_close_no_full_card_number_is_left_in_any_byte_of_the_database_wal_or_shm_file()
    {
        using var h = new EngineHarness();
        var day = h.Engine.BusinessDay;
        RunADay(h);
        string[] numbers = [.. Cards.Select(c => c.Number), NikInReason, NikInVoidNote, EmergencyCard];

        // Negative control: before the close the scan finds every number (the open day needs them), so it can find them.
        var before = FilesOf(h.Dir.Db);
        foreach (var number in numbers.Except([NikInReason]))
        {
            Assert.True(Found(before, number).Count > 0, $"{number} should be in the files while its day is open");
        }

        Assert.Contains(StoredReplies(h.Dir.Db), reply => reply.Contains(Cards[0].Number, StringComparison.Ordinal));

        Assert.True(h.Engine.CloseDay(day).Succeeded);

        var after = FilesOf(h.Dir.Db);
        foreach (var number in numbers)
        {
            Assert.Empty(Found(after, number));
        }

        // What stays is the last four, and a repeated command still gets its reply (masked).
        Assert.Contains(StoredReplies(h.Dir.Db), reply => reply.Contains("************0001", StringComparison.Ordinal));
        var replay = h.Engine.Execute(new CounterCommand("cmd-1", "L1", CommandType.CallNext));
        Assert.Equal("************0001", replay.Ticket?.CardData?.Number);

        // The WAL was truncated by the close; reopening changes nothing.
        Assert.Equal(0, new FileInfo(h.Dir.Db + "-wal").Length);
        h.Reopen();
        foreach (var number in numbers)
        {
            Assert.Empty(Found(FilesOf(h.Dir.Db), number));
        }
    }

    [Fact]
    public void The_ticket_log_zeroes_what_it_frees()
    {
        using var h = new EngineHarness();

        Assert.Equal("1", h.Engine.ReadPragma("secure_delete"));
    }

    /// <summary>
    /// Issues with every kind of card, calls them (each reply carries cardData), serves, transfers to a poli (a second
    /// ticket with the card), recalls, an emergency with a card and a NIK in its reason, and a void whose note has a NIK.
    /// </summary>
    internal static void RunADay(EngineHarness h)
    {
        foreach (var (card, i) in Cards.Select((c, i) => (c, i)))
        {
            h.Issue(i % 2 == 0 ? "A" : "B", card: card);
        }

        var first = h.Ok("L1", CommandType.CallNext);
        Assert.NotNull(first.Ticket?.CardData);
        h.Ok("L1", CommandType.Recall);
        h.Ok("L1", CommandType.Transfer, c => c with { PoliCode = "UMUM" });
        h.Ok("P1", CommandType.CallNext);
        h.Ok("P1", CommandType.Serve);
        for (var i = 0; i < 3; i++)
        {
            h.Ok("L2", CommandType.CallNext);
            h.Ok("L2", CommandType.Serve);
        }

        h.Ok("L3", CommandType.CallNext);
        h.Ok("L3", CommandType.Skip);
        h.Ok("L1", CommandType.Emergency, c => c with
        {
            ServiceCode = "A",
            CardData = new CardData(CardKind.Bpjs, EmergencyCard),
            Reason = $"pasien NIK {NikInReason} sesak napas",
        });
        var unprinted = h.Engine.IssueTicket(TestSite.Request("B", card: new CardData(CardKind.Nik, NikInVoidNote)));
        Assert.True(h.Engine.VoidUnprinted(unprinted.Ticket!.Id, $"kertas habis, NIK {NikInVoidNote}").Succeeded);
        h.Engine.MarkPublished(long.MaxValue);
    }

    /// <summary>The bytes of the database and, where present, its -wal and -shm files.</summary>
    internal static Dictionary<string, byte[]> FilesOf(string db) =>
        new[] { db, db + "-wal", db + "-shm", db + "-journal" }.Where(File.Exists).ToDictionary(f => Path.GetFileName(f), ReadShared);

    /// <summary>Where a number occurs as UTF-8 (= ASCII for digits), UTF-16LE or UTF-16BE bytes: "file@offset".</summary>
    internal static List<string> Found(Dictionary<string, byte[]> files, string number)
    {
        var hits = new List<string>();
        foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            var needle = encoding.GetBytes(number);
            foreach (var (name, bytes) in files)
            {
                for (var at = bytes.AsSpan().IndexOf(needle); at >= 0;)
                {
                    hits.Add($"{name}@{at} ({encoding.WebName})");
                    var next = bytes.AsSpan(at + 1).IndexOf(needle);
                    at = next < 0 ? -1 : at + 1 + next;
                }
            }
        }

        return hits;
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static List<string> StoredReplies(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT result FROM processed_commands";
        using var reader = command.ExecuteReader();
        var replies = new List<string>();
        while (reader.Read())
        {
            replies.Add(reader.GetString(0));
        }

        return replies;
    }
}
