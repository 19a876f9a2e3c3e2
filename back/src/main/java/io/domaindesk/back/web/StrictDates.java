package io.domaindesk.back.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Dates in request bodies are ISO {@code yyyy-MM-dd} strings, years 0001 to 9999, as the
 * OpenAPI document says. Jackson would also read an integer as a count of days since
 * 1970, and signed or five-digit years ({@code -0001-01-01}, {@code +10000-01-01}) that
 * the database cannot store. Anything else is a 400 naming the field.
 */
@Configuration
class StrictDates {

    /**
     * Four-digit year, no sign, and a day that exists ({@code 2030-02-30} is refused).
     */
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
        .withResolverStyle(ResolverStyle.STRICT);

    /** Spring Boot registers every JacksonModule bean with the JSON mapper. */
    @Bean
    JacksonModule isoDatesOnly() {
        return new SimpleModule("strict-dates").addDeserializer(LocalDate.class, new IsoDateDeserializer());
    }

    static final class IsoDateDeserializer extends ValueDeserializer<LocalDate> {

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getString();
            try {
                LocalDate date = LocalDate.parse(text, ISO_DATE);
                if (date.getYear() >= 1 && text.length() == 10) {
                    return date;
                }
            }
            catch (DateTimeParseException invalid) {
                // Reported below, like an out-of-range year.
            }
            return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text,
                    "expected a date yyyy-MM-dd between 0001-01-01 and 9999-12-31");
        }

    }

}
