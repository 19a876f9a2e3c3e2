package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.domaindesk.back.ApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.validation.Validator;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * {@code StrictParameters} replaces Spring Boot's binding initializer: the binders Spring
 * MVC makes still get Boot's conversion service and validator. (The strict editors it
 * adds are proven by requests: {@code FrameworkDefaultsTest}, {@code ErrorContractTest}.)
 */
class BindingInitializerTest extends ApiTest {

    @Autowired
    private RequestMappingHandlerAdapter handlerAdapter;

    @Autowired
    @Qualifier("mvcConversionService")
    private FormattingConversionService bootConversionService;

    @Autowired
    @Qualifier("mvcValidator")
    private Validator bootValidator;

    @Test
    void bindersKeepBootsConversionServiceAndValidator() {
        WebDataBinder binder = new WebDataBinder(new Object(), "target");

        handlerAdapter.getWebBindingInitializer().initBinder(binder);

        assertThat(binder.getConversionService()).isSameAs(bootConversionService);
        assertThat(binder.getValidator()).isSameAs(bootValidator);
    }

}
