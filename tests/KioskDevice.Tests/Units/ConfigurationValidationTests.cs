using Kiosk.Device.Configuration;
using Kiosk.Queue.Configuration;

namespace Kiosk.Device.Tests.Units;

public sealed class ConfigurationValidationTests
{
    private static KioskOptions Valid() => new()
    {
        Site = new SiteOptions { Id = "pkm-letung", Name = "Puskesmas Letung", TimeZone = "Asia/Jakarta" },
        DataDirectory = "/var/lib/kiosk",
        Mqtt = new MqttOptions { Password = "x" },
        Printer = new PrinterOptions { Transport = "simulated" },
        Hardware = new HardwareOptions { Kind = "simulated" },
        Buttons = [new PatientButtonOptions { Id = "umum", Service = "UMUM", Label = "Umum" }],
    };

    [Fact]
    public void A_valid_configuration_passes()
    {
        Assert.True(new KioskOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once_with_its_key()
    {
        var options = Valid();
        options.Site.TimeZone = "Asia/Atlantis";
        options.Mqtt.Port = 70000;
        options.Printer.PaperWidthMm = 57;
        options.Printer.TimeoutSeconds = 60;
        options.Buttons.Add(new PatientButtonOptions { Id = "umum", Service = "", Payer = "Askes", Category = "Tamu" });
        options.DayCloseTime = "25:99";

        var result = new KioskOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var key in new[] { "Kiosk:Site:TimeZone", "Kiosk:Mqtt:Port", "Kiosk:Printer:PaperWidthMm", "Kiosk:Printer:TimeoutSeconds", "Kiosk:Buttons:1:Id", "Kiosk:Buttons:1:Service", "Kiosk:Buttons:1:Payer", "Kiosk:Buttons:1:Category", "Kiosk:DayCloseTime" })
        {
            Assert.Contains(result.Failures!, failure => failure.StartsWith(key + ":", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("pkm+x")]
    [InlineData("puskesmas-dengan-nama-yang-terlalu-panjang-sekali")]
    public void A_site_id_that_cannot_be_a_topic_level_is_refused(string site)
    {
        var options = Valid();
        options.Site.Id = site;

        var result = new KioskOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, failure => failure.StartsWith("Kiosk:Site:Id:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("192.168.1.10:8080/tiket/")]
    [InlineData("ftp://192.168.1.10/tiket/")]
    [InlineData("http://192.168.1.10:8080/tiket")]
    [InlineData("http://192.168.1.10:8080/tiket?t=")]
    [InlineData("http://192.168.1.10:8080/tiket/#")]
    [InlineData("http://192.168.1.10:8080/ti ket/")]
    [InlineData("http://puskesmas-dengan-nama-yang-sangat-panjang.kabupaten.example.go.id:8080/halaman-pasien/tiket/")]
    public void A_patient_page_address_the_QR_cannot_carry_is_refused(string url)
    {
        var options = Valid();
        options.Site.PatientPageUrl = url;

        var result = new KioskOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, failure => failure.StartsWith("Kiosk:Site:PatientPageUrl:", StringComparison.Ordinal) && failure.Contains(url, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://192.168.1.10:8080/tiket/")]
    [InlineData("https://layar.pkm-kokop.lan/tiket/")]
    public void An_empty_or_plain_patient_page_address_passes(string url)
    {
        var options = Valid();
        options.Site.PatientPageUrl = url;

        Assert.True(new KioskOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_button_for_a_poli_or_unknown_service_and_a_counter_without_a_number_are_refused()
    {
        var queue = new QueueEngineOptions();
        queue.Services.Add(new ServiceOptions { Code = "UMUM", Prefix = "A", Name = "Umum" });
        queue.Polis.Add(new PoliOptions { Code = "P-GIGI", Prefix = "G", Name = "Poli Gigi" });
        queue.Counters.Add(new CounterOptions { Id = "L1", Name = "Loket 1" });
        queue.Counters.Add(new CounterOptions { Id = "02", Name = "Loket 2" });
        var options = Valid();
        options.Buttons.Add(new PatientButtonOptions { Id = "gigi", Service = "P-GIGI" });
        options.Printer.CodePage = 99;
        options.Reader.MedicalRecordPattern = "RM([0-9";

        var result = new KioskQueueConsistencyValidator(queue).Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("Kiosk:Buttons:1:Service:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Queue:Counters:0:Id:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Queue:Counters:1:Id:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Kiosk:Printer:CodePage:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Kiosk:Reader:MedicalRecordPattern:", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, f => f.StartsWith("Kiosk:Buttons:0", StringComparison.Ordinal));
    }
}
