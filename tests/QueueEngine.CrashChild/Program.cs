using System.Globalization;
using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;

// The victim of the crash-safety test: issues, prints and calls tickets in a tight loop against a real
// database file until the test SIGKILLs it. It prints "ISSUED <id> <number>" only after IssueTicket returned,
// so every such line names a ticket that must survive the kill.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Kiosk.Queue.CrashChild <database path>");
    return 2;
}

var options = new QueueEngineOptions { DatabasePath = args[0], SiteId = "crash", TimeZoneId = "Asia/Jakarta" };
options.Services.Add(new ServiceOptions { Code = "A", Prefix = "A", Name = "Pendaftaran BPJS" });
options.Services.Add(new ServiceOptions { Code = "B", Prefix = "B", Name = "Pendaftaran Umum" });
options.Polis.Add(new PoliOptions { Code = "GIGI", Prefix = "G", Name = "Poli Gigi" });
var counter = new CounterOptions { Id = "L1", Name = "Loket 1" };
counter.Services.Add("A");
counter.Services.Add("B");
options.Counters.Add(counter);

Console.Out.WriteLine("OPENING");
using var engine = QueueEngine.Open(options, TimeProvider.System, null);
Console.Out.WriteLine("READY");
var random = new Random();
for (var i = 0; ; i++)
{
    var issued = engine.IssueTicket(new IssueRequest(random.Next(2) == 0 ? "A" : "B", PatientCategory.Lama, Payer.Bpjs,
        random.Next(4) == 0 ? PriorityKind.Lansia : PriorityKind.None));
    if (!issued.Succeeded)
    {
        Console.Error.WriteLine(issued.Error.ToString());
        return 1;
    }

    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ISSUED {issued.Ticket.Id} {issued.Ticket.Number}"));
    engine.MarkPrinted(issued.Ticket.Id);
    if (i % 2 == 0)
    {
        var call = engine.Execute(new CounterCommand(Guid.NewGuid().ToString(), "L1", CommandType.CallNext));
        if (call.Succeeded)
        {
            var kind = random.Next(3) == 0 ? CommandType.Transfer : CommandType.Serve;
            engine.Execute(new CounterCommand(Guid.NewGuid().ToString(), "L1", kind) { PoliCode = "GIGI" });
        }
    }
}
