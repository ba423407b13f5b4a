using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;
using CardData = Kiosk.Queue.Model.CardData;

namespace Kiosk.Queue.Tests;

public class NumberingTests
{
    [Fact]
    public void Numbers_start_at_one_per_service_and_carry_the_prefix()
    {
        using var h = new EngineHarness();

        var numbers = new[] { "A", "A", "B", "A", "B" }.Select(s => h.Engine.IssueTicket(TestSite.Request(s)).Ticket!.Number).ToList();

        Assert.Equal(["A-001", "A-002", "B-001", "A-003", "B-002"], numbers);
    }

    [Fact]
    public void Issued_ticket_carries_what_to_bring_people_ahead_and_an_estimate()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Issue();

        var result = h.Engine.IssueTicket(new IssueRequest("A", PatientCategory.Baru, Payer.Bpjs, FamilySize: 3));

        Assert.True(result.Succeeded);
        Assert.Equal(PrintState.Pending, result.Ticket.PrintState);
        Assert.Equal(TicketState.Waiting, result.Ticket.State);
        Assert.Equal(3, result.Ticket.FamilySize);
        Assert.Equal(2, result.PeopleAhead);
        Assert.Equal(["Kartu BPJS/KIS", "KTP dan Kartu Keluarga"], result.WhatToBring);
        Assert.Equal("Pendaftaran BPJS", result.ServiceName);
        // Two open counters serve A, no service times yet: SOP target (5 min) × 2 ahead / 2 counters.
        Assert.Equal(TimeSpan.FromMinutes(5), result.EstimatedWait);
        Assert.Equal(TimeSpan.FromHours(7), result.Ticket.IssuedAt.Offset);
    }

    [Fact]
    public void Estimate_uses_recent_service_times_and_open_counters()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Ok("L1", CommandType.CallNext);
        h.Time.Advance(TimeSpan.FromMinutes(2));
        h.Ok("L1", CommandType.Serve);
        h.Ok("L2", CommandType.Pause);
        h.Issue();
        h.Issue();

        var estimate = h.Engine.EstimateWait("A")!;

        Assert.Equal(2, estimate.PeopleWaiting);
        Assert.Equal(1, estimate.OpenCounters);
        Assert.Equal(TimeSpan.FromMinutes(4), estimate.EstimatedWait);
    }

    [Fact]
    public void Estimate_is_unknown_when_no_counter_for_the_service_is_open()
    {
        using var h = new EngineHarness();
        h.Ok("L1", CommandType.Pause);
        h.Ok("L2", CommandType.Pause);

        var result = h.Engine.IssueTicket(TestSite.Request("A"));

        Assert.True(result.Succeeded);
        Assert.Null(result.EstimatedWait);
    }

    [Fact]
    public void Daily_cap_answers_kuota_habis_and_issues_nothing()
    {
        using var h = new EngineHarness(tweak: o => o.Services[0].DailyCap = 2);
        h.Issue();
        h.Issue();
        var before = h.Engine.GetSnapshot().Sequence;

        var result = h.Engine.IssueTicket(TestSite.Request("A"));

        Assert.False(result.Succeeded);
        Assert.Equal(ErrorCode.QuotaExhausted, result.Error.Code);
        Assert.Contains("Kuota habis", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, h.Engine.GetSnapshot().Sequence);
        Assert.True(h.Engine.IssueTicket(TestSite.Request("B")).Succeeded, "another service is not affected");
    }

    [Fact]
    public void Number_band_starts_at_its_start_and_ends_with_kuota_habis()
    {
        using var h = new EngineHarness(tweak: o =>
        {
            o.Services[0].NumberStart = 101;
            o.Services[0].NumberEnd = 102;
        });

        Assert.Equal("A-101", h.Issue().Number);
        Assert.Equal("A-102", h.Issue().Number);
        Assert.Equal(ErrorCode.QuotaExhausted, h.Engine.IssueTicket(TestSite.Request("A")).Error!.Code);
    }

    [Fact]
    public void Emergency_ticket_ignores_the_daily_cap()
    {
        using var h = new EngineHarness(tweak: o => o.Services[0].DailyCap = 1);
        h.Issue();

        var emergency = h.Ok("L1", CommandType.Emergency, c => c with { ServiceCode = "A", Reason = "UGD" });

        Assert.Equal("A-002", emergency.Ticket!.Number);
        Assert.True(emergency.Ticket.IsEmergency);
    }

    public static TheoryData<string, IssueRequest, ErrorCode> BadRequests => new()
    {
        { "unknown service", new IssueRequest("Z", PatientCategory.Lama, Payer.Bpjs), ErrorCode.UnknownService },
        { "a poli is not a kiosk service", new IssueRequest("GIGI", PatientCategory.Lama, Payer.Bpjs), ErrorCode.UnknownService },
        { "empty service", new IssueRequest("", PatientCategory.Lama, Payer.Bpjs), ErrorCode.InvalidRequest },
        { "family of zero", new IssueRequest("A", PatientCategory.Lama, Payer.Bpjs, FamilySize: 0), ErrorCode.InvalidRequest },
        { "family of 50", new IssueRequest("A", PatientCategory.Lama, Payer.Bpjs, FamilySize: 50), ErrorCode.InvalidRequest },
        { "undefined payer", new IssueRequest("A", PatientCategory.Lama, (Payer)9), ErrorCode.InvalidRequest },
        { "garbage card", new IssueRequest("A", PatientCategory.Lama, Payer.Bpjs, CardData: new CardData(CardKind.Bpjs, "12;DROP")), ErrorCode.InvalidRequest },
        { "empty card", new IssueRequest("A", PatientCategory.Lama, Payer.Bpjs, CardData: new CardData(CardKind.Nik, "")), ErrorCode.InvalidRequest },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Bad_issue_requests_get_a_typed_error_and_change_nothing(string scenario, IssueRequest request, ErrorCode expected)
    {
        using var h = new EngineHarness();
        var before = h.Engine.GetSnapshot();

        var result = h.Engine.IssueTicket(request);

        Assert.False(result.Succeeded, scenario);
        Assert.Equal(expected, result.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
        Assert.Equal(before.Sequence, h.Engine.GetSnapshot().Sequence);
        Assert.Equal("A-001", h.Issue().Number);
    }

    [Fact]
    public void Numbering_continues_after_reopen()
    {
        using var h = new EngineHarness();
        h.Issue();
        h.Issue("B");
        h.Reopen();

        Assert.Equal("A-002", h.Issue().Number);
        Assert.Equal("B-002", h.Issue("B").Number);
    }

    [Fact]
    public void Voided_number_is_never_reissued_and_never_called()
    {
        using var h = new EngineHarness();
        var pending = h.Engine.IssueTicket(TestSite.Request()).Ticket!;
        Assert.Equal(PrintState.Failed, h.Engine.MarkPrintFailed(pending.Id).Ticket!.PrintState);
        Assert.Equal([pending.Id], h.Engine.PendingPrints().Select(t => t.Id));

        var voided = h.Engine.VoidUnprinted(pending.Id, "kertas habis");

        Assert.Equal(TicketState.Voided, voided.Ticket!.State);
        Assert.Empty(h.Engine.PendingPrints());
        Assert.Equal("A-002", h.Issue().Number);
        Assert.Equal("A-002", h.Ok("L1", CommandType.CallNext).Ticket!.Number);
        Assert.Equal(ErrorCode.NothingToCall, h.Run("L2", CommandType.CallNext).Error!.Code);
    }

    [Fact]
    public void Print_state_operations_on_wrong_tickets_are_typed_errors()
    {
        using var h = new EngineHarness();
        var printed = h.Issue();

        Assert.Equal(ErrorCode.UnknownTicket, h.Engine.MarkPrinted(Guid.NewGuid()).Error!.Code);
        Assert.Equal(ErrorCode.InvalidTransition, h.Engine.VoidUnprinted(printed.Id, "x").Error!.Code);
        Assert.Equal(ErrorCode.InvalidTransition, h.Engine.MarkPrintFailed(printed.Id).Error!.Code);
        Assert.True(h.Engine.MarkPrinted(printed.Id).Succeeded, "printing twice (a reprint) is fine");
    }
}
