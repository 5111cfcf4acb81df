using Avro.Codegen.Serialization;

namespace Avro.Codegen.Serialization
{
    /// <summary>How a Kafka record's subject is named (Confluent's <c>subject.name.strategy</c>).</summary>
    public enum SubjectNamingStrategy
    {
        /// <summary><c>{topic}-value</c> / <c>{topic}-key</c>: one schema lineage per topic (the default).</summary>
        TopicName,

        /// <summary>The record's Avro full name: one lineage per record type, across topics.</summary>
        RecordName,

        /// <summary><c>{topic}-{record full name}</c>: several record types per topic, each with its own lineage.</summary>
        TopicRecordName,
    }
}

namespace Avro.Codegen.Registry
{
    /// <summary>
    /// Confluent's subject name strategies, once: the runtime serializers, the Kafka configuration, the build gate and
    /// the CLI name subjects and read strategy names here.
    /// </summary>
    internal static class SubjectNaming
    {
        /// <summary>
        /// Parses a strategy name: <c>TopicName</c>, <c>RecordName</c>, <c>TopicRecordName</c>, or without the
        /// <c>Name</c> (case-insensitive; Confluent's class names such as
        /// <c>io.confluent.kafka.serializers.subject.RecordNameStrategy</c> are accepted too). Empty means TopicName.
        /// </summary>
        public static bool TryParse(string? text, out SubjectNamingStrategy strategy)
        {
            strategy = SubjectNamingStrategy.TopicName;
            if (text is null || text.Trim().Length == 0)
            {
                return true;
            }

            var name = text.Trim();
            var dot = name.LastIndexOf('.');
            if (dot >= 0)
            {
                name = name.Substring(dot + 1);
            }

            if (name.EndsWith("Strategy", StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(0, name.Length - "Strategy".Length);
            }

            switch (name.ToLowerInvariant())
            {
                case "topicname" or "topic":
                    strategy = SubjectNamingStrategy.TopicName;
                    return true;
                case "recordname" or "record":
                    strategy = SubjectNamingStrategy.RecordName;
                    return true;
                case "topicrecordname" or "topicrecord":
                    strategy = SubjectNamingStrategy.TopicRecordName;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The subject <paramref name="strategy"/> gives a record of <paramref name="topic"/>, as Confluent's serializers name it.</summary>
        public static string For(SubjectNamingStrategy strategy, string topic, bool isKey, string recordFullName) => strategy switch
        {
            SubjectNamingStrategy.RecordName => recordFullName,
            SubjectNamingStrategy.TopicRecordName => topic + "-" + recordFullName,
            _ => topic + (isKey ? "-key" : "-value"),
        };

        /// <summary>
        /// The subject for a schema file, or <see langword="null"/> with <paramref name="reason"/> when it cannot be
        /// derived. An explicit <paramref name="subject"/> wins over the strategy.
        /// </summary>
        /// <param name="subject">The item's <c>Subject</c> metadata.</param>
        /// <param name="topic">The item's <c>Topic</c> metadata.</param>
        /// <param name="isKey">True for a key schema (<c>-key</c> suffix under TopicName).</param>
        /// <param name="strategy">The strategy.</param>
        /// <param name="recordFullName">The full name of the file's top-level named type, or <see langword="null"/>.</param>
        /// <param name="reason">Why no subject could be derived; <see langword="null"/> when the schema simply has no topic (not an error).</param>
        public static string? Resolve(string? subject, string? topic, bool isKey, SubjectNamingStrategy strategy, string? recordFullName, out string? reason)
        {
            reason = null;
            if (subject is not null && subject.Trim().Length > 0)
            {
                return subject.Trim();
            }

            var trimmedTopic = topic?.Trim();
            var hasTopic = trimmedTopic is { Length: > 0 };
            if (strategy != SubjectNamingStrategy.TopicName && recordFullName is null)
            {
                if (strategy == SubjectNamingStrategy.RecordName || hasTopic)
                {
                    reason = $"the {strategy} strategy needs a named type (record, enum or fixed) at the top of the schema";
                }

                return null;
            }

            if (strategy == SubjectNamingStrategy.RecordName)
            {
                return For(strategy, "", isKey, recordFullName!);
            }

            return hasTopic ? For(strategy, trimmedTopic!, isKey, recordFullName ?? "") : null;
        }
    }
}
