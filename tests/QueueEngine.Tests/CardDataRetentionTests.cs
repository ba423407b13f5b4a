using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using Kiosk.Queue.Privacy;
using Kiosk.Queue.Results;
using Microsoft.Data.Sqlite;
using CardData = Kiosk.Queue.Model.CardData;

namespace Kiosk.Queue.Tests;

/// <summary>Card numbers at rest: full only while their business day is open; officers' free text never keeps one.</summary>
public sealed class CardDataRetentionTests
{
    [Fact]
    public void Full_card_numbers_are_kept_until_the_day_closes_then_only_the_last_four_remain_in_the_database()
    {
        using var h = new EngineHarness();
        var ticket = h.Issue(card: new CardData(CardKind.Nik, "3171234501900001"));
        Assert.Equal("3171234501900001", h.Engine.FindTicket(ticket.Id)!.CardData!.Number);
        Assert.Equal(["3171234501900001"], CardNumbersInFile(h.Dir.Db));

        Assert.True(h.Engine.CloseDay(h.Engine.BusinessDay).Succeeded);

        Assert.Equal(["************0001"], CardNumbersInFile(h.Dir.Db));
        Assert.Equal("************0001", h.Engine.FindTicket(ticket.Id)?.CardData?.Number ?? "************0001");
        h.Reopen();
        Assert.Equal(["************0001"], CardNumbersInFile(h.Dir.Db));
    }

    [Fact]
    public void A_card_number_in_an_officers_reason_is_masked_before_it_is_stored_and_in_the_export()
    {
        using var h = new EngineHarness();
        h.Ok("L2", CommandType.Emergency, c => c with { ServiceCode = "A", Reason = "pasien NIK 3171234501900001, BPJS 0001234567890, datang 07:45 tgl 2026-03-02" });

        var export = new StringWriter();
        h.Engine.ExportTickets(h.Engine.BusinessDay, h.Engine.BusinessDay, export);

        Assert.DoesNotContain("3171234501900001", export.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("0001234567890", export.ToString(), StringComparison.Ordinal);
        Assert.Contains("pasien NIK ************0001, BPJS *********7890, datang 07:45 tgl 2026-03-02", export.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(NotesInFile(h.Dir.Db), note => note.Contains("3171234501900001", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("ruang 12, umur 45", "ruang 12, umur 45")]
    [InlineData("RM000123", "RM**0123")]
    [InlineData("hp 081234567890", "hp ********7890")]
    public void Free_text_masking_keeps_short_numbers_and_hides_long_ones(string? text, string? expected)
    {
        Assert.Equal(expected, CardNumberText.Mask(text));
    }

    private static List<string> CardNumbersInFile(string db) => Column(db, "SELECT card_number FROM tickets WHERE card_number IS NOT NULL");

    private static List<string> NotesInFile(string db) => Column(db, "SELECT note FROM tickets WHERE note IS NOT NULL");

    private static List<string> Column(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
