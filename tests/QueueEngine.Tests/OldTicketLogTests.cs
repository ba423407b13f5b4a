using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Results;
using Kiosk.Queue.Storage;
using Microsoft.Data.Sqlite;

namespace Kiosk.Queue.Tests;

/// <summary>
/// A ticket log written before the engine shared the contract's enums (Fixtures/ticket-log-1b21125.sql, made by the
/// engine at that commit) opens, reads every ticket as it was and still answers a repeated command id: the log keeps
/// enums as member names, and the contract's members carry the engine's old names except five command kinds, which
/// schema 4 renames.
/// </summary>
public class OldTicketLogTests
{
    // After the fixture's last write (07:39 at the site), on the same business day.
    private static readonly DateTimeOffset Later = TestSite.Morning.AddMinutes(15);

    [Fact]
    public void Every_ticket_reads_back_with_its_state_print_state_category_payer_priority_and_card_kind()
    {
        using var dir = OldLog();
        using var engine = QueueEngine.Open(TestSite.Options(dir.Db), TestClock.At(Later), null);

        var tickets = engine.TodayTickets().OrderBy(t => t.IssuedAt).ThenBy(t => t.Number, StringComparer.Ordinal)
            .Select(t => (t.Number, t.State, t.PrintState, t.Category, t.Payer, t.Priority, t.CardData?.Kind)).ToList();

        Assert.Equal(
        [
            ("A-001", TicketState.Waiting, PrintState.Printed, PatientCategory.Baru, Payer.Bpjs, PriorityKind.Lansia, CardKind.Bpjs),
            ("A-002", TicketState.Served, PrintState.Printed, PatientCategory.Lama, Payer.Umum, PriorityKind.IbuHamil, CardKind.MedicalRecord),
            ("B-001", TicketState.Transferred, PrintState.Printed, PatientCategory.Unknown, Payer.Unknown, PriorityKind.Unspecified, null),
            ("B-002", TicketState.Cancelled, PrintState.Printed, PatientCategory.Lama, Payer.Umum, PriorityKind.None, CardKind.Nik),
            ("A-003", TicketState.NoShow, PrintState.Printed, PatientCategory.Lama, Payer.Bpjs, PriorityKind.Disabilitas, CardKind.JknBooking),
            ("B-003", TicketState.Waiting, PrintState.Printed, PatientCategory.Baru, Payer.Umum, PriorityKind.Balita, null),
            ("P-001", TicketState.Waiting, PrintState.NotRequired, PatientCategory.Unknown, Payer.Unknown, PriorityKind.Unspecified, null),
            ("A-004", TicketState.Called, PrintState.NotRequired, PatientCategory.Baru, Payer.Bpjs, PriorityKind.None, null),
            ("B-004", TicketState.Waiting, PrintState.NotRequired, PatientCategory.Lama, Payer.Umum, PriorityKind.None, null),
            ("A-005", TicketState.Waiting, PrintState.Failed, PatientCategory.Lama, Payer.Bpjs, PriorityKind.None, null),
        ], tickets);
        Assert.Equal(["ok"], engine.IntegrityCheck());
    }

    [Theory]
    [InlineData("old-01", "L1", CommandType.CallNext, null)]
    [InlineData("old-02", "L1", CommandType.Skip, null)]
    [InlineData("old-03", "L1", CommandType.Return, null)]
    [InlineData("old-04", "L1", CommandType.Call, null)]
    [InlineData("old-05", "L1", CommandType.Recall, null)]
    [InlineData("old-06", "L1", CommandType.Transfer, null)]
    [InlineData("old-08", "L2", CommandType.Serve, null)]
    [InlineData("old-10", "L2", CommandType.NoShow, null)]
    [InlineData("old-11", "L1", CommandType.Cancel, null)]
    [InlineData("old-12", "L2", CommandType.Emergency, null)]
    [InlineData("old-13", "L1", CommandType.Issue, null)]
    [InlineData("old-14", "P1", CommandType.Pause, null)]
    [InlineData("old-15", "P1", CommandType.CallNext, ErrorCode.CounterPaused)]
    [InlineData("old-16", "P1", CommandType.Resume, null)]
    [InlineData("old-17", "L1", CommandType.Serving, null)]
    [InlineData("old-18", "L1", CommandType.Call, ErrorCode.UnknownTicket)]
    public void A_repeated_command_id_gets_its_stored_answer_in_the_contracts_command_type(string id, string counter, CommandType type, ErrorCode? error)
    {
        using var dir = OldLog();
        using var engine = QueueEngine.Open(TestSite.Options(dir.Db), TestClock.At(Later), null);
        var sequence = engine.GetSnapshot().Sequence;

        var again = engine.Execute(new CounterCommand(id, counter, type));

        Assert.Equal(type, again.Kind);
        Assert.Equal(error, again.Error?.Code);
        Assert.Equal(type, engine.ToReply(again).Type);
        Assert.Equal(sequence, engine.GetSnapshot().Sequence);
    }

    [Fact]
    public void Schema_4_renames_the_stored_command_kinds_and_new_rows_keep_member_names()
    {
        using var dir = OldLog();
        using (var engine = QueueEngine.Open(TestSite.Options(dir.Db), TestClock.At(Later), null))
        {
            var issued = engine.IssueTicket(TestSite.Request("A", PriorityKind.IbuHamil));
            Assert.True(issued.Succeeded, issued.Error?.ToString());
            Assert.True(engine.Execute(new CounterCommand("new-01", "L3", CommandType.Call) { TicketNumber = "B-003" }).Succeeded);
        }

        using var connection = new SqliteConnection($"Data Source={dir.Db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        Assert.Equal((long)Migrations.Steps.Count, Scalar(connection, "PRAGMA user_version"));
        Assert.Equal(
            ["Call", "Call", "CallNext", "CallNext", "CallNext", "CallNext", "Cancel", "Emergency", "Issue", "NoShow", "Pause", "Recall", "Resume", "Return", "Serve",
                "Serving", "Skip", "Transfer"],
            Strings(connection, "SELECT kind FROM processed_commands WHERE command_id <> 'new-01' ORDER BY kind"));
        Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM processed_commands WHERE json_extract(result, '$.kind') <> kind"));
        Assert.Equal(["IbuHamil"], Strings(connection, "SELECT priority FROM tickets WHERE number = 'A-006'"));
        var stored = Strings(connection, "SELECT result FROM processed_commands WHERE command_id = 'new-01'").Single();
        Assert.Contains("\"kind\":\"Call\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Called\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"priority\":\"Balita\"", stored, StringComparison.Ordinal);
    }

    private static TempDir OldLog()
    {
        var dir = new TempDir();
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ticket-log-1b21125.sql"));
        using var connection = new SqliteConnection($"Data Source={dir.Db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = script;
        command.ExecuteNonQuery();
        return dir;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
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
