using Kiosk.Bpjs.Doubles;
using Kiosk.Bpjs.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Kiosk.Bpjs.Tests.Protocol;

/// <summary>The real client against the double on loopback: every outcome kind, the credentials and the window.</summary>
public sealed class ClientAgainstDoubleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 7, 1, 15, 0, TimeSpan.Zero); // 08.15 WIB
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider bpjsClock = new(Morning);
    private readonly FakeTimeProvider kioskClock = new(Morning);
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private BpjsDouble bpjs = null!;

    public async Task InitializeAsync()
    {
        bpjs = await BpjsDouble.StartAsync(new BpjsDoubleOptions { Time = bpjsClock });
    }

    public async Task DisposeAsync()
    {
        await bpjs.DisposeAsync();
    }

    [Fact]
    public async Task A_new_ticket_is_delivered_and_the_double_holds_it_with_its_body()
    {
        var outcome = await Client().TambahAntreanAsync(Tambah("0001234567890", "A-012", 12), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(new BpjsOutcome(BpjsOutcomeKind.Delivered, 200, "Ok"), outcome);
        var received = Assert.Single(bpjs.Received);
        Assert.Equal(("add", "2026-12-07", "001", "0001234567890", "A-012"), (received.Kind, received.TanggalPeriksa, received.KodePoli, received.NomorKartu, received.NomorAntrean));
        Assert.Equal(Tambah("0001234567890", "A-012", 12), received.BodyAs<TambahAntrean>());
    }

    [Fact]
    public async Task A_second_add_of_the_same_card_or_number_is_already_done_not_a_duplicate()
    {
        var client = Client();
        await client.TambahAntreanAsync(Tambah("0001234567890", "A-012", 12), CancellationToken.None).WaitAsync(Bound);

        var sameCard = await client.TambahAntreanAsync(Tambah("0001234567890", "A-012", 12), CancellationToken.None).WaitAsync(Bound);
        var sameNumber = await client.TambahAntreanAsync(Tambah("0009999999999", "A-012", 12), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(BpjsOutcomeKind.AlreadyDone, sameCard.Kind);
        Assert.Equal(BpjsOutcomeKind.AlreadyDone, sameNumber.Kind);
        Assert.Single(bpjs.Received);
        Assert.Equal(3, bpjs.Requests.Count);
    }

    [Fact]
    public async Task Panggil_then_batal_are_delivered_once_and_repeats_are_already_done()
    {
        var client = Client();
        await client.TambahAntreanAsync(Tambah("0001234567890", "A-012", 12), CancellationToken.None).WaitAsync(Bound);
        var panggil = new PanggilAntrean { TanggalPeriksa = "2026-12-07", KodePoli = "001", NomorKartu = "0001234567890", Status = 1, Waktu = Morning.AddMinutes(40).ToUnixTimeMilliseconds() };
        var batal = new BatalAntrean { TanggalPeriksa = "2026-12-07", KodePoli = "001", NomorKartu = "0001234567890", Alasan = "Pasien pulang sebelum dilayani" };

        Assert.Equal(BpjsOutcomeKind.Delivered, (await client.PanggilAntreanAsync(panggil, CancellationToken.None).WaitAsync(Bound)).Kind);
        Assert.Equal(BpjsOutcomeKind.AlreadyDone, (await client.PanggilAntreanAsync(panggil with { Status = 2 }, CancellationToken.None).WaitAsync(Bound)).Kind);
        Assert.Equal(BpjsOutcomeKind.Delivered, (await client.BatalAntreanAsync(batal, CancellationToken.None).WaitAsync(Bound)).Kind);
        Assert.Equal(BpjsOutcomeKind.AlreadyDone, (await client.BatalAntreanAsync(batal, CancellationToken.None).WaitAsync(Bound)).Kind);

        Assert.Equal(["add", "panggil", "batal"], bpjs.Received.Select(r => r.Kind));
        Assert.Equal(panggil, bpjs.Received[1].BodyAs<PanggilAntrean>());
        Assert.Equal(batal, bpjs.Received[2].BodyAs<BatalAntrean>());
    }

    [Fact]
    public async Task A_refused_card_and_an_unknown_poli_are_refused_with_BPJS_message()
    {
        bpjs.Mode.RefuseCard("0000000000001");
        var client = Client();

        var card = await client.TambahAntreanAsync(Tambah("0000000000001", "A-001", 1), CancellationToken.None).WaitAsync(Bound);
        var poli = await client.TambahAntreanAsync(Tambah("0001234567890", "A-002", 2) with { KodePoli = "999" }, CancellationToken.None).WaitAsync(Bound);
        var unknownTicket = await client.PanggilAntreanAsync(new PanggilAntrean { TanggalPeriksa = "2026-12-07", KodePoli = "001", NomorKartu = "0005555555555", Status = 1, Waktu = 0 }, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(new BpjsOutcome(BpjsOutcomeKind.Refused, 201, "Nomor kartu peserta tidak valid"), card);
        Assert.Equal(new BpjsOutcome(BpjsOutcomeKind.Refused, 201, "Poli tidak ditemukan"), poli);
        Assert.Equal(new BpjsOutcome(BpjsOutcomeKind.Refused, 201, "Antrean tidak ditemukan"), unknownTicket);
        Assert.Empty(bpjs.Received);
    }

    [Fact]
    public async Task Down_server_error_and_rate_limit_are_retries_and_nothing_is_stored()
    {
        var client = Client();
        var ticket = Tambah("0001234567890", "A-012", 12);

        bpjs.Mode.Down = true;
        var down = await client.TambahAntreanAsync(ticket, CancellationToken.None).WaitAsync(Bound);
        bpjs.Mode.Down = false;
        bpjs.Mode.ServerError = true;
        var error = await client.TambahAntreanAsync(ticket, CancellationToken.None).WaitAsync(Bound);
        bpjs.Mode.ServerError = false;
        bpjs.Mode.RateLimit = true;
        var limited = await client.TambahAntreanAsync(ticket, CancellationToken.None).WaitAsync(Bound);
        bpjs.Mode.Reset();
        var back = await client.TambahAntreanAsync(ticket, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal((BpjsOutcomeKind.Retry, (int?)null), (down.Kind, down.Code));
        Assert.Equal((BpjsOutcomeKind.Retry, (int?)500), (error.Kind, error.Code));
        Assert.Equal((BpjsOutcomeKind.Retry, (int?)429), (limited.Kind, limited.Code));
        Assert.Equal(BpjsOutcomeKind.Delivered, back.Kind);
        Assert.Single(bpjs.Received);
    }

    [Fact]
    public async Task A_slow_BPJS_is_a_retry_after_the_clients_own_timeout()
    {
        bpjs.Mode.Slow = TimeSpan.FromMinutes(10);

        var outcome = await Client(timeout: TimeSpan.FromMilliseconds(300)).TambahAntreanAsync(Tambah("0001234567890", "A-012", 12), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(BpjsOutcomeKind.Retry, outcome.Kind);
        Assert.Contains("no answer from BPJS", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_the_one_exception()
    {
        bpjs.Mode.Slow = TimeSpan.FromMinutes(10);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().TambahAntreanAsync(Tambah("0001234567890", "A-012", 12), cancel.Token).WaitAsync(Bound));
    }

    [Fact]
    public async Task Nothing_listening_is_a_retry()
    {
        var port = Kiosk.Broker.LoopbackPorts.Take();
        var client = new AntreanFktpClient(Http, Options() with { BaseUrl = new Uri($"http://127.0.0.1:{port}/antreanfktp") }, kioskClock);

        var outcome = await client.TambahAntreanAsync(Tambah("0001234567890", "A-012", 12), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(BpjsOutcomeKind.Retry, outcome.Kind);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_double_and_is_a_retry_for_the_outbox()
    {
        var outcome = await Client(secret: "bukan-rahasianya").TambahAntreanAsync(Tambah("0001234567890", "A-012", 12), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal((BpjsOutcomeKind.Retry, (int?)401), (outcome.Kind, outcome.Code));
        Assert.Contains("Signature tidak valid", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(bpjs.Received);
        Assert.Equal("Signature tidak valid", Assert.Single(bpjs.Requests).Answer.Message.Split(": ")[^1]);
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-299, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public async Task The_timestamp_must_be_within_five_minutes_of_BPJS_clock(int skewSeconds, bool accepted)
    {
        kioskClock.Advance(TimeSpan.FromMinutes(10));
        bpjsClock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(skewSeconds));

        var outcome = await Client().TambahAntreanAsync(Tambah("0001234567890", "A-012", 12), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(accepted ? BpjsOutcomeKind.Delivered : BpjsOutcomeKind.Retry, outcome.Kind);
        if (!accepted)
        {
            Assert.Contains("Timestamp", outcome.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_user_key_or_cons_id_is_refused()
    {
        var key = await new AntreanFktpClient(Http, Options() with { UserKey = "lain" }, kioskClock).TambahAntreanAsync(Tambah("0001234567890", "A-012", 12), CancellationToken.None).WaitAsync(Bound);
        var cons = await new AntreanFktpClient(Http, Options() with { ConsId = "99999" }, kioskClock).TambahAntreanAsync(Tambah("0001234567890", "A-012", 12), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal((BpjsOutcomeKind.Retry, (int?)401), (key.Kind, key.Code));
        Assert.Equal((BpjsOutcomeKind.Retry, (int?)401), (cons.Kind, cons.Code));
        Assert.Empty(bpjs.Received);
    }

    [Fact]
    public async Task The_reference_lists_come_back_decrypted_and_decompressed()
    {
        var client = Client();

        var poli = await client.ReferensiPoliAsync(new DateOnly(2026, 12, 7), CancellationToken.None).WaitAsync(Bound);
        var dokter = await client.ReferensiDokterAsync("002", new DateOnly(2026, 12, 7), CancellationToken.None).WaitAsync(Bound);
        var none = await client.ReferensiDokterAsync("999", new DateOnly(2026, 12, 7), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(new BpjsDoubleOptions().Poli, poli.Items);
        Assert.Equal(BpjsOutcomeKind.Delivered, poli.Outcome.Kind);
        Assert.Equal("drg. Budi Santoso", Assert.Single(dokter.Items!).NamaDokter);
        Assert.Empty(none.Items!);
    }

    [Fact]
    public async Task A_reference_call_that_fails_gives_the_outcome_and_no_list()
    {
        bpjs.Mode.ServerError = true;
        var failed = await Client().ReferensiPoliAsync(new DateOnly(2026, 12, 7), CancellationToken.None).WaitAsync(Bound);
        bpjs.Mode.ServerError = false;
        var unauthorised = await Client(secret: "salah").ReferensiPoliAsync(new DateOnly(2026, 12, 7), CancellationToken.None).WaitAsync(Bound);

        Assert.False(failed.HasItems);
        Assert.Equal(BpjsOutcomeKind.Retry, failed.Outcome.Kind);
        Assert.False(unauthorised.HasItems);
        Assert.Equal(BpjsOutcomeKind.Retry, unauthorised.Outcome.Kind);
    }

    [Fact]
    public async Task Reports_from_many_threads_are_each_kept_once_in_arrival_order()
    {
        var client = Client();
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            client.TambahAntreanAsync(Tambah($"000{i:D10}", $"A-{i:D3}", i), CancellationToken.None))).WaitAsync(Bound);

        Assert.All(outcomes, o => Assert.Equal(BpjsOutcomeKind.Delivered, o.Kind));
        Assert.Equal(40, bpjs.Received.Select(r => r.NomorKartu).Distinct().Count());
        Assert.Equal(bpjs.Requests.Select(r => r.Sequence).Order(), bpjs.Requests.Select(r => r.Sequence));
        await bpjs.WaitUntilAsync(r => r.Count == 40, Bound);
    }

    private AntreanFktpClient Client(string? secret = null, TimeSpan? timeout = null) =>
        new(Http, Options() with { Secret = secret ?? new BpjsDoubleOptions().Secret, Timeout = timeout ?? Bound }, kioskClock);

    private AntreanFktpOptions Options()
    {
        var defaults = new BpjsDoubleOptions();
        return new AntreanFktpOptions { BaseUrl = bpjs.BaseUrl, ConsId = defaults.ConsId, Secret = defaults.Secret, UserKey = defaults.UserKey };
    }

    private static TambahAntrean Tambah(string kartu, string nomor, int angka) => new()
    {
        NomorKartu = kartu,
        Nik = "3526010101900001",
        NoHp = "081234567890",
        KodePoli = "001",
        NamaPoli = "UMUM",
        NoRm = "RM-000123",
        TanggalPeriksa = "2026-12-07",
        KodeDokter = 101,
        NamaDokter = "dr. Sari Wulandari",
        JamPraktek = "08:00-14:00",
        NomorAntrean = nomor,
        AngkaAntrean = angka,
        Keterangan = "Peserta harap datang 30 menit lebih awal.",
    };
}
