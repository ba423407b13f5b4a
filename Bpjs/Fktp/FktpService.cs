using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Kiosk.Bpjs.Booking;
using Kiosk.Bpjs.Text;
using Kiosk.Contract.Bpjs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kiosk.Bpjs.Fktp;

/// <summary>
/// The FKTP side of Antrean FKTP: the five calls of BPJS's "WS FKTP" catalogue as SIMPUS implementations serve them.
/// <list type="bullet">
/// <item>GET <c>/auth</c>, headers <c>x-username</c>, <c>x-password</c> → <c>response.token</c>.</item>
/// <item>GET <c>/antrean/status/{kodepoli}/{tanggalperiksa}</c> → the poli's queue that day (a list of one).</item>
/// <item>POST <c>/antrean</c> (ambil antrean) → nomorantrean, angkaantrean, namapoli, sisaantrean, antreanpanggil, keterangan.</item>
/// <item>GET <c>/antrean/sisapeserta/{nomorkartu}/{kodepoli}/{tanggalperiksa}</c> → the card's booking and the queue ahead.</item>
/// <item>PUT <c>/antrean/batal</c> (tanggalperiksa, kodepoli, nomorkartu, alasan) → metadata only.</item>
/// </list>
/// Every call but <c>/auth</c> carries <c>x-token</c> and <c>x-username</c>. The story of a call: the token and the user
/// are checked, then the address's values or the body (size, JSON, card, NIK, date, poli); anything wrong is refused in
/// BPJS's shape and nothing reaches the kiosk. A good call becomes one question on the private channel; the kiosk's
/// answer (or its silence: "coba lagi") becomes BPJS's. Nothing is stored here, and no failure here touches the kiosk.
/// <c>namapoli</c> is BPJS's name of the poli asked for (<see cref="FktpPoli.NameOf"/>), not the kiosk's queue the
/// booking waits in.
/// </summary>
public sealed partial class FktpService(
    FktpOptions options, FktpTokens tokens, FktpPoli poli, KioskBookings kiosk, MobileJknBookings booked, ILogger<FktpService> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        FktpAnswer answer;
        var call = $"{context.Request.Method} {Shorten(context.Request.Path.Value)}";
        try
        {
            answer = await AnswerAsync(context.Request, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // BPJS hung up; nobody reads an answer.
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Total: whatever failed inside the bridge (a broker gone mid-call), BPJS gets its shape and may ask again.
            LogFailed(logger, call, e);
            answer = FktpAnswer.Refused(BpjsTeks.FktpKioskAway);
        }

        LogAnswered(logger, call, answer.Code, answer.Message);
        context.Response.StatusCode = answer.HttpStatus;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    private async Task<FktpAnswer> AnswerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var path = (request.Path.Value ?? string.Empty).Trim('/');
        string[] parts = path.Length == 0 ? [] : path.Split('/');
        var method = request.Method;
        switch (parts)
        {
            case ["auth"]:
                return HttpMethods.IsGet(method) ? Token(request) : WrongMethod();
            case ["antrean", "status", var kodePoli, var tanggal]:
                return !HttpMethods.IsGet(method) ? WrongMethod() : Authorised(request) ?? await StatusAsync(kodePoli, tanggal, cancellationToken);
            case ["antrean", "sisapeserta", var kartu, var kodePoli, var tanggal]:
                return !HttpMethods.IsGet(method) ? WrongMethod() : Authorised(request) ?? await SisaAsync(kartu, kodePoli, tanggal, cancellationToken);
            case ["antrean"]:
                return !HttpMethods.IsPost(method) ? WrongMethod() : Authorised(request) ?? await AmbilAsync(request, cancellationToken);
            case ["antrean", "batal"]:
                return !HttpMethods.IsPut(method) ? WrongMethod() : Authorised(request) ?? await BatalAsync(request, cancellationToken);
            default:
                return FktpAnswer.Refused(BpjsTeks.FktpUnknownAddress, StatusCodes.Status404NotFound);
        }
    }

    private FktpAnswer Token(HttpRequest request)
    {
        // Both compared, always, in constant time: the answer's timing says nothing about which one was wrong.
        var userOk = FktpTokens.SameSecret(Header(request, "x-username"), options.Username);
        var passwordOk = FktpTokens.SameSecret(Header(request, "x-password"), options.Password);
        if (!(userOk & passwordOk))
        {
            return FktpAnswer.Refused(BpjsTeks.FktpLoginRefused);
        }

        var token = tokens.Issue(options.Username);
        return FktpAnswer.Ok(json =>
        {
            json.WriteStartObject();
            json.WriteString("token", token);
            json.WriteEndObject();
        });
    }

    /// <summary>Null when the token is this bridge's, unexpired, and given to the <c>x-username</c> sent with it.</summary>
    private FktpAnswer? Authorised(HttpRequest request)
    {
        var username = Header(request, "x-username");
        var userOk = FktpTokens.SameSecret(username, options.Username);
        var tokenOk = tokens.IsValid(Header(request, "x-token"), username);
        return userOk & tokenOk ? null : FktpAnswer.Refused(BpjsTeks.FktpTokenRefused);
    }

    private async Task<FktpAnswer> StatusAsync(string kodePoli, string tanggal, CancellationToken cancellationToken)
    {
        if (!TryPoliAndDate(kodePoli, tanggal, out var service, out var date, out var refused))
        {
            return refused;
        }

        var answer = await kiosk.QueueStatusAsync(service, date, cancellationToken);
        if (answer.Reply is not { } reply)
        {
            return FktpAnswer.Refused(BpjsTeks.FktpStatusAway);
        }

        if (!reply.Ok || reply.Queue is not { } queue)
        {
            return Refused(reply, BpjsTeks.FktpStatusAway);
        }

        return FktpAnswer.Ok(json =>
        {
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("namapoli", poli.NameOf(kodePoli));
            json.WriteNumber("totalantrean", queue.Total);
            json.WriteNumber("sisaantrean", queue.Remaining);
            json.WriteString("antreanpanggil", queue.NowCalling ?? string.Empty);
            json.WriteString("keterangan", BpjsTeks.FktpQueueKeterangan);
            json.WriteEndObject();
            json.WriteEndArray();
        });
    }

    private async Task<FktpAnswer> SisaAsync(string kartu, string kodePoli, string tanggal, CancellationToken cancellationToken)
    {
        if (!FktpRequestReader.TryReadCard(kartu, out var problem))
        {
            return FktpAnswer.Refused(problem);
        }

        if (!TryPoliAndDate(kodePoli, tanggal, out var service, out var date, out var refused))
        {
            return refused;
        }

        var answer = await kiosk.BookingStatusAsync(service, date, kartu, cancellationToken);
        if (answer.Reply is not { } reply)
        {
            return FktpAnswer.Refused(BpjsTeks.FktpStatusAway);
        }

        if (!reply.Ok || reply.Booking is not { } booking)
        {
            return Refused(reply, BpjsTeks.FktpStatusAway);
        }

        return FktpAnswer.Ok(json =>
        {
            json.WriteStartObject();
            json.WriteString("nomorantrean", booking.Number);
            json.WriteString("namapoli", poli.NameOf(kodePoli));
            json.WriteNumber("sisaantrean", booking.WaitingAhead);
            json.WriteString("antreanpanggil", booking.NowCalling ?? string.Empty);
            json.WriteString("keterangan", BpjsTeks.FktpBookingKeterangan(booking.BookingCode));
            json.WriteEndObject();
        });
    }

    private Task<FktpAnswer> AmbilAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ForMappedPoliAsync<AmbilAntreanRequest>(request, FktpRequestReader.TryReadAmbil, ambil => ambil.KodePoli, (ambil, service) => BookAsync(ambil, service, cancellationToken), cancellationToken);

    private async Task<FktpAnswer> BookAsync(AmbilAntreanRequest ambil, string service, CancellationToken cancellationToken)
    {
        var answer = await kiosk.BookAsync(service, ambil.TanggalPeriksa, ambil.NomorKartu, ambil.Nik, cancellationToken);
        if (answer.Reply is not { } reply)
        {
            return FktpAnswer.Refused(BpjsTeks.FktpKioskAway);
        }

        if (!reply.Ok || reply.Booking is not { } booking)
        {
            return Refused(reply, BpjsTeks.FktpKioskAway);
        }

        // Before BPJS hears the number: the reports of this booking's ticket name the poli BPJS holds it for.
        booked.Record(booking.TicketId, ambil.KodePoli);
        return FktpAnswer.Ok(json =>
        {
            json.WriteStartObject();
            json.WriteString("nomorantrean", booking.Number);
            json.WriteNumber("angkaantrean", booking.SequenceNumber);
            json.WriteString("namapoli", poli.NameOf(ambil.KodePoli));
            json.WriteNumber("sisaantrean", booking.WaitingAhead);
            json.WriteString("antreanpanggil", booking.NowCalling ?? string.Empty);
            json.WriteString("keterangan", BpjsTeks.FktpBookingKeterangan(booking.BookingCode));
            json.WriteEndObject();
        });
    }

    private Task<FktpAnswer> BatalAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ForMappedPoliAsync<BatalAntreanRequest>(request, FktpRequestReader.TryReadBatal, batal => batal.KodePoli, (batal, service) => CancelAsync(batal, service, cancellationToken), cancellationToken);

    private async Task<FktpAnswer> CancelAsync(BatalAntreanRequest batal, string service, CancellationToken cancellationToken)
    {
        var answer = await kiosk.CancelAsync(service, batal.TanggalPeriksa, batal.NomorKartu, batal.Alasan ?? BpjsTeks.FktpCancelledInMobileJkn, cancellationToken);
        if (answer.Reply is not { } reply)
        {
            return FktpAnswer.Refused(BpjsTeks.FktpCancelAway);
        }

        return reply.Ok ? FktpAnswer.Ok(null) : Refused(reply, BpjsTeks.FktpCancelAway);
    }

    /// <summary>One of <see cref="FktpRequestReader"/>'s body readers (ambil, batal).</summary>
    private delegate bool BodyReader<T>(ReadOnlySpan<byte> body, [NotNullWhen(true)] out T? request, out string problem)
        where T : class;

    /// <summary>
    /// The checks every call with a body goes through, in this order: at most <see cref="FktpRequestReader.MaxBodyBytes"/>,
    /// read by <paramref name="read"/>, for a poli <c>Bpjs__PoliMap</c> maps. The first that fails is BPJS's refusal and
    /// nothing reaches the kiosk; otherwise <paramref name="answer"/> gets the request and the service its poli maps to.
    /// </summary>
    private async Task<FktpAnswer> ForMappedPoliAsync<T>(
        HttpRequest request, BodyReader<T> read, Func<T, string> kodePoli, Func<T, string, Task<FktpAnswer>> answer, CancellationToken cancellationToken)
        where T : class
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return FktpAnswer.Refused(BpjsTeks.FktpBodyTooLarge(FktpRequestReader.MaxBodyBytes));
        }

        if (!read(body, out var parsed, out var problem))
        {
            return FktpAnswer.Refused(problem);
        }

        if (!poli.TryService(kodePoli(parsed), out var service))
        {
            return FktpAnswer.Refused(BpjsTeks.FktpUnknownPoli);
        }

        return await answer(parsed, service);
    }

    private bool TryPoliAndDate(string kodePoli, string tanggal, out string service, out DateOnly date, out FktpAnswer refused)
    {
        service = string.Empty;
        date = default;
        refused = FktpAnswer.Refused(BpjsTeks.FktpUnknownPoli);
        if (!FktpRequestReader.TryReadKodePoli(kodePoli, out var problem) || !FktpRequestReader.TryReadDate(tanggal, out date, out problem))
        {
            refused = FktpAnswer.Refused(problem);
            return false;
        }

        return poli.TryService(kodePoli, out service);
    }

    /// <summary>The kiosk's refusal in BPJS's words; a refusal that is the bridge's or the kiosk's own trouble says "coba lagi".</summary>
    private static FktpAnswer Refused(BpjsReply reply, string tryAgain) => FktpAnswer.Refused(reply.ErrorCode switch
    {
        BpjsErrorCode.UnknownService => BpjsTeks.FktpUnknownPoli,
        BpjsErrorCode.DateNotBookable => BpjsTeks.FktpDateNotBookable,
        BpjsErrorCode.AlreadyBooked => BpjsTeks.FktpAlreadyBooked,
        BpjsErrorCode.BookingNotFound => BpjsTeks.FktpBookingNotFound,
        BpjsErrorCode.BookingFinished => BpjsTeks.FktpBookingFinished,
        _ => tryAgain,
    });

    /// <summary>The body, at most <see cref="FktpRequestReader.MaxBodyBytes"/>; null when it is larger (read no further).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > FktpRequestReader.MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[FktpRequestReader.MaxBodyBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read > FktpRequestReader.MaxBodyBytes ? null : buffer[..read];
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    private static FktpAnswer WrongMethod() => FktpAnswer.Refused(BpjsTeks.FktpWrongMethod, StatusCodes.Status405MethodNotAllowed);

    /// <summary>The address for the log without a card number in it.</summary>
    private static string Shorten(string? path)
    {
        var text = path ?? string.Empty;
        if (text.StartsWith("/antrean/sisapeserta/", StringComparison.Ordinal))
        {
            return "/antrean/sisapeserta/…";
        }

        return text.Length <= 60 ? text : text[..60] + "…";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mobile JKN {Call}: {Code} {Message}")]
    private static partial void LogAnswered(ILogger logger, string call, int code, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mobile JKN {Call} failed inside the bridge; answered 'coba lagi'")]
    private static partial void LogFailed(ILogger logger, string call, Exception exception);
}
