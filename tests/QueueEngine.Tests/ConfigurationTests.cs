using Kiosk.Queue.Configuration;

namespace Kiosk.Queue.Tests;

public class ConfigurationTests
{
    public static TheoryData<string, string> BadConfigurations => new()
    {
        { "empty-db", "DatabasePath" },
        { "bad-site", "SiteId" },
        { "bad-zone", "TimeZoneId" },
        { "no-services", "Services" },
        { "bad-prefix", "Services[0].Prefix" },
        { "empty-name", "Services[1].Name" },
        { "duplicate-code", "Polis[0].Code" },
        { "zero-cap", "Services[0].DailyCap" },
        { "band-end-below-start", "Services[0].NumberEnd" },
        { "shared-prefix-overlap", "Services[B].Prefix" },
        { "unknown-counter-service", "Counters[0].Services" },
        { "duplicate-counter", "Counters[1].Id" },
        { "counter-without-services", "Counters[2].Services" },
        { "negative-ratio", "PriorityCallsPerNormalCall" },
        { "zero-max-calls", "MaxCallsBeforeNoShow" },
        { "zero-retention", "RetentionDays" },
        { "zero-sop", "Services[0].SopTarget" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void Open_refuses_a_bad_configuration_naming_the_key(string scenario, string expectedKey)
    {
        using var dir = new TempDir();
        var options = TestSite.Options(dir.Db, tweak: o => Break(o, scenario));

        var error = Assert.Throws<QueueConfigurationException>(() => QueueEngine.Open(options, TimeProvider.System, null));

        Assert.Equal(expectedKey, error.Key);
        Assert.Contains(expectedKey, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
        Assert.False(File.Exists(dir.Db), "a refused configuration must not create the ticket log");
    }

    [Fact]
    public void Services_may_share_a_prefix_with_separate_bands()
    {
        using var dir = new TempDir();
        var options = TestSite.Options(dir.Db, tweak: o =>
        {
            o.Services[0].NumberStart = 1;
            o.Services[0].NumberEnd = 499;
            o.Services[1].Prefix = "A";
            o.Services[1].NumberStart = 500;
        });
        using var engine = QueueEngine.Open(options, TestClock.At(TestSite.Morning), null);

        Assert.Equal("A-001", engine.IssueTicket(TestSite.Request("A")).Ticket!.Number);
        Assert.Equal("A-500", engine.IssueTicket(TestSite.Request("B")).Ticket!.Number);
    }

    private static void Break(QueueEngineOptions o, string scenario)
    {
        switch (scenario)
        {
            case "empty-db": o.DatabasePath = " "; break;
            case "bad-site": o.SiteId = "pkm kokop!"; break;
            case "bad-zone": o.TimeZoneId = "WIB"; break;
            case "no-services": o.Services.Clear(); break;
            case "bad-prefix": o.Services[0].Prefix = "a1"; break;
            case "empty-name": o.Services[1].Name = ""; break;
            case "duplicate-code": o.Polis[0].Code = "A"; break;
            case "zero-cap": o.Services[0].DailyCap = 0; break;
            case "band-end-below-start": o.Services[0].NumberStart = 10; o.Services[0].NumberEnd = 5; break;
            case "shared-prefix-overlap": o.Services[1].Prefix = "A"; break;
            case "unknown-counter-service": o.Counters[0].Services.Add("RONTGEN"); break;
            case "duplicate-counter": o.Counters[1].Id = "L1"; break;
            case "counter-without-services": o.Counters[2].Services.Clear(); break;
            case "negative-ratio": o.PriorityCallsPerNormalCall = -1; break;
            case "zero-max-calls": o.MaxCallsBeforeNoShow = 0; break;
            case "zero-retention": o.RetentionDays = 0; break;
            case "zero-sop": o.Services[0].SopTarget = TimeSpan.Zero; break;
            default: throw new ArgumentException(scenario);
        }
    }
}
