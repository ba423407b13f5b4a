using Kiosk.Contract;
using Kiosk.Contract.Bpjs;
using Kiosk.Device.Commands;
using Kiosk.Queue.Model;

namespace Kiosk.Device.Tests.Units;

/// <summary>Which of the kiosk's tickets the BPJS bridge gets a card for, and the refusal code of every other one.</summary>
public sealed class BpjsCardRuleTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly BpjsRequest Request = new() { Type = BpjsRequestType.Card, RequestId = "r1", TicketId = Guid.Parse("0193a1b2-0000-7000-8000-0000000000a1") };

    [Theory]
    [InlineData(CardKind.Bpjs, Payer.Bpjs, "0001234567890")]
    [InlineData(CardKind.Bpjs, Payer.Unknown, "0001234567890")]
    [InlineData(CardKind.Nik, Payer.Bpjs, "3171234567890001")]
    [InlineData(CardKind.Nik, Payer.Unknown, "3171234567890001")]
    [InlineData(CardKind.JknBooking, Payer.Unknown, "0301R0010326K000001")]
    public void A_jkn_card_of_today_is_given_in_full(CardKind kind, Payer payer, string number)
    {
        var reply = BpjsRequestHandler.Decide(Request, Ticket(payer, new CardData(kind, number)), Today);

        Assert.True(reply.Ok);
        Assert.Equal(new Contract.Commands.CardData(kind, number), reply.Card);
        Assert.Equal(("r1", Request.TicketId), (reply.RequestId, reply.TicketId));
    }

    [Theory]
    [InlineData(CardKind.Bpjs, Payer.Umum)]
    [InlineData(CardKind.Nik, Payer.Umum)]
    [InlineData(CardKind.MedicalRecord, Payer.Bpjs)]
    [InlineData(CardKind.MedicalRecord, Payer.Unknown)]
    public void A_kartu_berobat_or_a_patient_who_pays_umum_is_not_jkn(CardKind kind, Payer payer)
    {
        var reply = BpjsRequestHandler.Decide(Request, Ticket(payer, new CardData(kind, "0001234567890")), Today);

        Assert.Equal((false, BpjsErrorCode.NotJkn, null), (reply.Ok, reply.ErrorCode, reply.Card));
    }

    [Fact]
    public void Every_other_ticket_gets_its_own_refusal_code()
    {
        Assert.Equal(BpjsErrorCode.UnknownTicket, BpjsRequestHandler.Decide(Request, null, Today).ErrorCode);
        Assert.Equal(BpjsErrorCode.NotToday, BpjsRequestHandler.Decide(Request, Ticket(Payer.Bpjs, new CardData(CardKind.Bpjs, "0001234567890"), Today.AddDays(-1)), Today).ErrorCode);
        Assert.Equal(BpjsErrorCode.NoCard, BpjsRequestHandler.Decide(Request, Ticket(Payer.Bpjs, null), Today).ErrorCode);
        Assert.Equal(BpjsErrorCode.NoCard, BpjsRequestHandler.Decide(Request, Ticket(Payer.Bpjs, new CardData(CardKind.Bpjs, "*********7890")), Today).ErrorCode);
    }

    [Fact]
    public void A_refusal_never_carries_the_card_number()
    {
        var reply = BpjsRequestHandler.Decide(Request, Ticket(Payer.Umum, new CardData(CardKind.Bpjs, "0001234567890")), Today);

        Assert.DoesNotContain("0001234567890", Contract.Json.ContractJson.Serialize(reply), StringComparison.Ordinal);
    }

    private static Ticket Ticket(Payer payer, CardData? card, DateOnly? day = null) => new()
    {
        Id = Request.TicketId,
        Number = "B-001",
        SequenceNumber = 1,
        ServiceCode = "BPJS",
        BusinessDay = day ?? Today,
        Category = PatientCategory.Unknown,
        Payer = payer,
        Priority = PriorityKind.None,
        State = TicketState.Waiting,
        PrintState = PrintState.Printed,
        Source = TicketSource.Scan,
        CardData = card,
        IssuedAt = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7)),
        QueueKey = 1,
    };
}
