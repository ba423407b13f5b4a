using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;

namespace Kiosk.Queue.Tests;

/// <summary>
/// The stored answers' JSON, now source-generated for Native AOT, is byte for byte what the reflection serializer with
/// JsonStringEnumConverter wrote since schema 1, and every enum an answer holds is spelled by its member name.
/// </summary>
public class QueueJsonTests
{
    // What QueueJson.Options was before the kiosk went Native AOT: rows written by it are in every ticket log.
    private static readonly JsonSerializerOptions Schema1 = new(JsonSerializerDefaults.Web) { WriteIndented = false, Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void Every_enum_a_stored_answer_holds_has_its_member_name_converter()
    {
        var missing = EnumsReachableFrom(typeof(CommandResult))
            .Where(type => !QueueJson.Options.Converters.Any(converter => converter.CanConvert(type)))
            .Select(type => type.Name)
            .ToArray();

        Assert.Empty(missing);
    }

    [Fact]
    public void A_stored_answer_is_written_as_schema_1_wrote_it_and_reads_back()
    {
        var answer = Answer();

        var json = JsonSerializer.Serialize(answer, QueueJson.CommandResult);

        Assert.Equal(JsonSerializer.Serialize(answer, Schema1), json);
        Assert.Contains("\"priority\":\"IbuHamil\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"CallNext\"", json, StringComparison.Ordinal);
        Assert.Equal(answer, JsonSerializer.Deserialize(json, QueueJson.CommandResult));
    }

    [Fact]
    public void A_refusal_written_by_schema_1_reads_back_the_same()
    {
        var refusal = new CommandResult { CommandId = "c-2", CounterId = "L1", Kind = CommandType.Serve, Error = new QueueError(ErrorCode.NothingToCall, "Tidak ada antrean.") };

        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(refusal, Schema1), QueueJson.CommandResult);

        Assert.Equal(refusal, read);
    }

    private static CommandResult Answer() => new()
    {
        CommandId = "c-1",
        CounterId = "L1",
        Kind = CommandType.CallNext,
        Message = "Dipanggil A001.",
        Ticket = new Ticket
        {
            Id = Guid.Parse("0190f5a0-0000-7000-8000-000000000001"),
            Number = "A001",
            SequenceNumber = 1,
            ServiceCode = "A",
            BusinessDay = new DateOnly(2026, 12, 8),
            Category = PatientCategory.Lama,
            Payer = Payer.Bpjs,
            Priority = PriorityKind.IbuHamil,
            State = TicketState.NoShow,
            PrintState = PrintState.NotRequired,
            Source = TicketSource.Scan,
            CardData = new Model.CardData(CardKind.JknBooking, "0001234567890"),
            IssuedAt = new DateTimeOffset(2026, 12, 8, 7, 30, 0, TimeSpan.FromHours(7)),
            QueueKey = 1,
        },
    };

    private static HashSet<Type> EnumsReachableFrom(Type root)
    {
        var enums = new HashSet<Type>();
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([root]);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type))
            {
                continue;
            }

            if (type.IsEnum)
            {
                enums.Add(type);
            }
            else if (type.Namespace?.StartsWith("Kiosk.", StringComparison.Ordinal) == true)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    pending.Push(property.PropertyType);
                }
            }
        }

        return enums;
    }
}
