package io.domaindesk.back.domain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.IDN;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A lower-case fully qualified domain name in its ASCII form: internationalised names as
 * punycode ({@code xn--...}), at least two labels of RFC 1123 syntax, at most 253
 * characters, no trailing dot. {@code null} is valid (use {@code @NotBlank} to require
 * it).
 */
@Documented
@Constraint(validatedBy = DomainName.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface DomainName {

    String message() default "must be a lower-case fully qualified domain name (internationalised names as punycode)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DomainName, String> {

        private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

        // A top-level domain is alphabetic, or punycode for an internationalised one.
        private static final Pattern TOP_LEVEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.length() > 253) {
                return false;
            }
            String[] labels = value.split("\\.", -1);
            if (labels.length < 2 || !TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
                return false;
            }
            for (String label : labels) {
                if (!LABEL.matcher(label).matches()) {
                    return false;
                }
            }
            return isValidPunycode(value);
        }

        /**
         * The JDK's IDNA decoder rejects {@code xn--} labels that are not valid punycode.
         */
        private static boolean isValidPunycode(String value) {
            try {
                return IDN.toASCII(IDN.toUnicode(value, IDN.USE_STD3_ASCII_RULES), IDN.USE_STD3_ASCII_RULES)
                    .equals(value);
            }
            catch (IllegalArgumentException e) {
                return false;
            }
        }

    }

}
