package io.domaindesk.back.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.validation.Validator;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;

/**
 * Path variables and query parameters that are integers (ids, day counts) accept plain
 * decimal digits only. Spring's default conversion also reads {@code 0x10} and
 * {@code #10} as 16 and drops whitespace inside the number, so {@code DELETE
 * /domains/0x10} would delete domain 16; anything else is now a 400 naming the parameter.
 */
@Configuration(proxyBeanMethods = false)
class StrictParameters {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

    /**
     * The initializer Spring MVC applies to every binder. Spring Boot uses a declared
     * {@code ConfigurableWebBindingInitializer} in place of its own; this one gets the
     * conversion service and validator Boot's own would have had, and adds the editors
     * (Boot's own would also take {@code spring.mvc.message-codes-resolver-format}, which
     * the back does not set). Not an {@code @InitBinder} method of a
     * {@code @ControllerAdvice}: Spring MVC builds a handler method for it on every
     * request (about 4 % of a read's CPU samples).
     */
    @Bean
    ConfigurableWebBindingInitializer strictBindingInitializer(
            @Qualifier("mvcConversionService") FormattingConversionService conversionService,
            @Qualifier("mvcValidator") Validator validator) {
        ConfigurableWebBindingInitializer initializer = new ConfigurableWebBindingInitializer();
        initializer.setConversionService(conversionService);
        initializer.setValidator(validator);
        initializer.setPropertyEditorRegistrar(StrictParameters::decimalIntegersOnly);
        return initializer;
    }

    /**
     * Editors registered on the binder come before every default conversion. Not a
     * {@code Converter} in the MVC conversion service: when a converter refuses a value,
     * the binder falls back to its default number editor, which reads {@code 0x10} again
     * ({@code ErrorContractTest} then sees the domain deleted).
     */
    private static void decimalIntegersOnly(PropertyEditorRegistry binder) {
        binder.registerCustomEditor(long.class, new Decimal(n -> n));
        binder.registerCustomEditor(Long.class, new Decimal(n -> n));
        binder.registerCustomEditor(int.class, new Decimal(StrictParameters::toInt));
        binder.registerCustomEditor(Integer.class, new Decimal(StrictParameters::toInt));
    }

    private static int toInt(long value) {
        if (value != (int) value) {
            throw new NumberFormatException("out of range");
        }
        return (int) value;
    }

    static long parse(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new NumberFormatException("not a decimal integer");
        }
        return Long.parseLong(text);
    }

    /**
     * Throws {@link NumberFormatException}, an {@link IllegalArgumentException}, which
     * Spring MVC turns into a type mismatch: 400.
     */
    private static final class Decimal extends PropertyEditorSupport {

        private final Function<Long, Number> type;

        Decimal(Function<Long, Number> type) {
            this.type = type;
        }

        @Override
        public void setAsText(String text) {
            // An empty parameter is an absent one, as with Spring's own editors.
            setValue(text.isEmpty() ? null : type.apply(parse(text)));
        }

    }

}
