using Kiosk.Bpjs.Configuration;

namespace Kiosk.Bpjs.Tests.Reporting;

public sealed class BpjsOptionsValidatorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("bpjs-options-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private BpjsOptions Good()
    {
        var passwordFile = Path.Combine(folder, "bpjs-broker-password");
        File.WriteAllText(passwordFile, "rahasia-broker\n");
        return new BpjsOptions
        {
            Site = "pkm-kokop",
            ConsId = "12345",
            Secret = "rahasia-secret",
            UserKey = "rahasia-userkey",
            BaseUrl = "https://apijkn.bpjs-kesehatan.go.id/antreanfktp/",
            Poli = new(StringComparer.OrdinalIgnoreCase) { ["P-UMUM"] = "001", ["P_GIGI"] = "002" },
            OutboxPath = Path.Combine(folder, "outbox.db"),
            Mqtt = new BpjsBrokerOptions { PasswordFile = passwordFile },
        };
    }

    private static List<string> Problems(BpjsOptions options) =>
        new BpjsOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void A_complete_configuration_passes_and_reads_the_password_without_its_line_break()
    {
        var options = Good();

        Assert.Empty(Problems(options));
        Assert.Equal("rahasia-broker", options.Mqtt.ReadPassword());
    }

    public static TheoryData<string, Action<BpjsOptions>, string> BadValues => new()
    {
        { "Bpjs:Site: harus ID Puskesmas", o => o.Site = "pkm.kokop", "tertulis 'pkm.kokop'" },
        { "Bpjs:ConsId: wajib diisi", o => o.ConsId = " ", "cons id" },
        { "Bpjs:ConsId: harus angka cons id", o => o.ConsId = "12a45", "tertulis '12a45'" },
        { "Bpjs:Secret: wajib diisi", o => o.Secret = "", "secret key" },
        { "Bpjs:UserKey: wajib diisi", o => o.UserKey = "", "user key" },
        { "Bpjs:BaseUrl: wajib diisi", o => o.BaseUrl = "", "Antrean FKTP" },
        { "Bpjs:BaseUrl: harus alamat http://", o => o.BaseUrl = "ftp://bpjs/", "tertulis 'ftp://bpjs/'" },
        { "Bpjs:BaseUrl: harus alamat http://", o => o.BaseUrl = "apijkn.bpjs-kesehatan.go.id", "tertulis" },
        { "Bpjs:PoliMap: wajib diisi", o => o.Poli.Clear(), "Bpjs__PoliMap=P-UMUM=001,P-GIGI=002" },
        { "Bpjs:PoliMap: harus daftar KODELAYANAN=KODEPOLI", o => o.PoliMap = "P-KIA=003,P-TB", "tertulis 'P-TB'" },
        { "Bpjs:PoliMap: harus daftar KODELAYANAN=KODEPOLI", o => o.PoliMap = "P KIA=003", "tertulis 'P KIA=003'" },
        { "Bpjs:PoliMap: harus kode poli BPJS", o => o.PoliMap = "P-KIA=0.3", "tertulis '0.3'" },
        { "Bpjs:PoliMap: layanan p-umum dipetakan dua kali", o => o.PoliMap = "p-umum=009", "poli 001 dan 009" },
        { "Bpjs:Poli:P UMUM: harus kode layanan", o => o.Poli["P UMUM"] = "001", "tertulis 'P UMUM'" },
        { "Bpjs:Poli:P-UMUM: harus kode poli BPJS", o => o.Poli["P-UMUM"] = "", "tertulis ''" },
        { "Bpjs:Poli:P-UMUM: harus kode poli BPJS", o => o.Poli["P-UMUM"] = "0-1", "tertulis '0-1'" },
        { "Bpjs:OutboxPath: wajib diisi", o => o.OutboxPath = "", "bpjs-outbox.db" },
        { "Bpjs:OutboxPath: folder berkas", o => o.OutboxPath = "/tidak/ada/outbox.db", "'/tidak/ada/outbox.db' tidak ada" },
        { "Bpjs:RetryMinSeconds: harus 1..300 detik", o => o.RetryMinSeconds = 0, "tertulis 0" },
        { "Bpjs:RetryMaxSeconds: harus 5..3600 detik", o => o.RetryMaxSeconds = 4, "tertulis 4" },
        { "Bpjs:Mqtt:Host: wajib diisi", o => o.Mqtt.Host = "", "broker Puskesmas" },
        { "Bpjs:Mqtt:Port: harus 1..65535", o => o.Mqtt.Port = 0, "tertulis 0" },
        { "Bpjs:Mqtt:Username: wajib diisi", o => o.Mqtt.Username = "", "bpjs" },
        { "Bpjs:Mqtt:PasswordFile: wajib diisi", o => o.Mqtt.PasswordFile = "", "kiosk-setup --bpjs" },
        { "Bpjs:Mqtt:PasswordFile: berkas", o => o.Mqtt.PasswordFile = "/tidak/ada/sandi", "tidak ada" },
        { "Bpjs:Mqtt:KeepAliveSeconds: harus 5..600 detik", o => o.Mqtt.KeepAliveSeconds = 1, "tertulis 1" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Each_bad_value_is_one_Indonesian_line_naming_its_key(string start, Action<BpjsOptions> spoil, string detail)
    {
        var options = Good();
        spoil(options);

        var problem = Assert.Single(Problems(options));
        Assert.StartsWith(start, problem, StringComparison.Ordinal);
        Assert.Contains(detail, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_one_line_map_that_systemd_can_carry_joins_the_keyed_mapping()
    {
        var options = Good();
        options.Poli.Clear();
        options.PoliMap = " P-UMUM=001 , P-GIGI = 002,UGD=001";

        Assert.Empty(Problems(options));
        Assert.Equal(
            new Dictionary<string, string> { ["P-UMUM"] = "001", ["P-GIGI"] = "002", ["UGD"] = "001" },
            options.PoliByService().OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
    }

    [Fact]
    public void An_empty_password_file_is_named()
    {
        var options = Good();
        File.WriteAllText(options.Mqtt.PasswordFile, "\n");

        var problem = Assert.Single(Problems(options));
        Assert.StartsWith("Bpjs:Mqtt:PasswordFile: berkas", problem, StringComparison.Ordinal);
        Assert.Contains("kosong", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_named_at_once_and_no_secret_is_echoed()
    {
        var options = Good();
        options.Site = "a b";
        options.BaseUrl = "bpjs";
        options.Mqtt.Port = 0;
        options.Poli["UGD"] = "0-0";

        var problems = Problems(options);

        Assert.Equal(4, problems.Count);
        Assert.DoesNotContain(problems, p => p.Contains("rahasia", StringComparison.Ordinal));
    }
}
