using Kiosk.Contract.Commands;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;

namespace Kiosk.Queue.Tests;

/// <summary>The patient-page token is made at issue, kept in the ticket log, and carried by events and the retained state.</summary>
public class PatientTokenStorageTests
{
    [Fact]
    public void Every_ticket_gets_its_own_token_and_it_survives_a_restart()
    {
        using var h = new EngineHarness();
        var first = h.Issue("A");
        var second = h.Issue("A");
        Assert.True(PatientToken.IsWellFormed(first.PatientToken), first.PatientToken);
        Assert.NotEqual(first.PatientToken, second.PatientToken);

        h.Reopen();

        Assert.Equal(first.PatientToken, h.Engine.FindTicket(first.Id)!.PatientToken);
        Assert.Equal(second.PatientToken, h.Engine.FindTicket(second.Id)!.PatientToken);
        var waiting = h.Engine.GetSnapshot().Services.Single(s => s.ServiceCode == "A").Waiting;
        Assert.Equal([first.PatientToken, second.PatientToken], waiting.Select(t => t.PatientToken));
    }

    [Fact]
    public void The_token_travels_in_every_ticket_event_unchanged_through_calls()
    {
        using var h = new EngineHarness();
        var ticket = h.Issue("A");
        h.Ok("L1", CommandType.CallNext);

        var tokens = h.Engine.ReadEvents(0, 100)
            .Where(e => EventTypes.DataKind(e.Type) == typeof(TicketData))
            .Select(e => ContractJson.Deserialize<TicketData>(e.Payload))
            .Where(d => d.TicketId == ticket.Id)
            .Select(d => d.PatientToken)
            .ToList();
        Assert.True(tokens.Count >= 3, $"issued, printed, called: {tokens.Count}");
        Assert.All(tokens, token => Assert.Equal(ticket.PatientToken, token));
    }

    [Fact]
    public void A_ticket_log_from_before_tokens_reads_its_tickets_without_one()
    {
        using var h = new EngineHarness();
        var old = h.Issue("A");
        h.Engine.Dispose();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={h.Dir.Db};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE tickets SET patient_token = NULL";
            command.ExecuteNonQuery();
        }

        h.Reopen();

        Assert.Null(h.Engine.FindTicket(old.Id)!.PatientToken);
        Assert.Null(h.Engine.GetSnapshot().Services.Single(s => s.ServiceCode == "A").Waiting.Single().PatientToken);
    }
}
