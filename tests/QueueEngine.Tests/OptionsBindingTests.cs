using System.Text;
using Kiosk.Contract;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;
using Microsoft.Extensions.Configuration;

namespace Kiosk.Queue.Tests;

public class OptionsBindingTests
{
    [Fact]
    public void Options_bind_from_appsettings_json_as_documented()
    {
        using var dir = new TempDir();
        var json = """
        { "Queue": {
            "DatabasePath": "DBPATH", "SiteId": "pkm-kokop", "TimeZoneId": "Asia/Makassar",
            "Services": [ { "Code": "A", "Prefix": "A", "Name": "Pendaftaran BPJS", "SopTarget": "00:05:00", "DailyCap": 200,
                            "NumberStart": 1, "NumberEnd": 499,
                            "Requirements": [ { "Item": "Kartu BPJS/KIS" }, { "Item": "KTP dan KK", "Category": "Baru" } ] },
                          { "Code": "B", "Prefix": "A", "Name": "Pendaftaran Umum", "NumberStart": 500 } ],
            "Polis": [ { "Code": "GIGI", "Prefix": "G", "Name": "Poli Gigi dan Mulut" } ],
            "Counters": [ { "Id": "L1", "Name": "Loket 1", "Services": [ "A", "B" ] } ],
            "PriorityCallsPerNormalCall": 3, "MaxCallsBeforeNoShow": 2, "ReturnPlacement": "Front", "RetentionDays": 30
        } }
        """.Replace("DBPATH", dir.Db, StringComparison.Ordinal);
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        var options = configuration.GetSection("Queue").Get<QueueEngineOptions>()!;

        Assert.Equal("Asia/Makassar", options.TimeZoneId);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Services[0].SopTarget);
        Assert.Equal(["Kartu BPJS/KIS", "KTP dan KK"], options.Services[0].WhatToBring(PatientCategory.Baru, Payer.Bpjs));
        Assert.Equal(["Kartu BPJS/KIS"], options.Services[0].WhatToBring(PatientCategory.Lama, Payer.Bpjs));
        Assert.Equal(ReturnPlacement.Front, options.ReturnPlacement);
        Assert.Equal(["A", "B"], options.Counters[0].Services);
        using var engine = QueueEngine.Open(options, TestClock.At(TestSite.Morning), null);
        Assert.Equal("A-500", engine.IssueTicket(new Results.IssueRequest("B", PatientCategory.Lama, Payer.Umum)).Ticket!.Number);
    }
}
