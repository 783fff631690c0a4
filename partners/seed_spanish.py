"""Sample Spanish translations of the partnership pages, the offices and the sample award recipients,
written for the demo. A district would have its own translators write and review these.
"""

from partners import seed_text as english

OFFICES = {
    "community-partnership": {
        "Community Partnership": "Asociaciones Comunitarias",
        "Partnership requests, meetings and the Shining Star Community Partner Award.": "Solicitudes de asociación, "
        "reuniones y el Premio Estrella Brillante al Socio Comunitario.",
    },
    "grants-office": {
        "Grants Office": "Oficina de Subvenciones",
        "Reviews requests for letters of support for grant-funded initiatives.": "Revisa las solicitudes de cartas "
        "de apoyo para iniciativas financiadas con subvenciones.",
    },
}

LETTER_OF_SUPPORT = (
    "Las Escuelas Públicas de Tacoma reciben con gusto la oportunidad de asociarse con organizaciones en iniciativas "
    "financiadas con subvenciones y ofrecen cartas de apoyo para estas asociaciones. Toda carta de apoyo está "
    "sujeta a la revisión de la Oficina de Subvenciones y a la firma del Superintendente."
)

PARTNERSHIP = {
    "Partner with Tacoma Public Schools": "Asóciese con las Escuelas Públicas de Tacoma",
    english.DEFINITION: "Las Escuelas Públicas de Tacoma definen una asociación como una relación de cooperación "
    "entre estudiantes, familias, escuelas, distritos escolares y la comunidad de Tacoma en general. Los socios se "
    "comprometen a apoyar el éxito académico de los estudiantes y su desarrollo integral. Los socios trabajan en la "
    "educación de nuestros niños y jóvenes e invierten en ella; su futuro, a su vez, influirá en la calidad de vida "
    "de toda la comunidad de Tacoma.",
    "Community-based Organization": "Organización comunitaria",
    "CBOs": "OC",
    "Business Community": "Comunidad empresarial",
    "Community Groups or Individuals": "Grupos comunitarios o personas",
    "What is a partnership?": "¿Qué es una asociación?",
    english.EXAMPLES_INTRO: "Las asociaciones pueden darse entre muchas personas e instituciones diferentes. Por "
    "ejemplo, entre:",
    "Teachers and businesspeople": "Maestros y empresarios",
    "Students and social worker": "Estudiantes y un trabajador social",
    "Principals and pastors": "Directores y pastores",
    "Schools and non-profits": "Escuelas y organizaciones sin fines de lucro",
    "Parents and office administrators": "Padres y administradores de oficina",
    "Tacoma Public Schools and universities": "Las Escuelas Públicas de Tacoma y las universidades",
    "What does a successful and authentic partnership look like?": "¿Cómo es una asociación exitosa y auténtica?",
    "All partners are equally valued and respected": "Todos los socios son valorados y respetados por igual",
    "Clear, consistent and transparent communication with all partners": "Comunicación clara, constante y "
    "transparente con todos los socios",
    "Contributions of partners are aligned to the common goal of supporting students": "Las contribuciones de los "
    "socios se alinean con el objetivo común de apoyar a los estudiantes",
    "Careful evaluation of success": "Evaluación cuidadosa del éxito",
    english.PRINCIPLES[4]: "Representación diversa de todas las partes del sistema escolar y de la comunidad en "
    "general, en especial de quienes históricamente han quedado fuera de la conversación (incluidos los jóvenes, "
    "las comunidades de color y las familias con desventajas económicas o con dominio limitado del inglés)",
    "Pathways to partnership": "Caminos para asociarse",
    "Business community and community-based organizations": "Comunidad empresarial y organizaciones comunitarias",
    english.PATHWAY_BODY[0]: "Las Escuelas Públicas de Tacoma valoran el apoyo de las organizaciones sin fines de "
    "lucro y de la comunidad empresarial. Puede corresponder un Memorando de Entendimiento (MOU) formal o un "
    "contrato si nos asociamos para un programa juvenil, bienes y servicios, o un programa de pasantías.",
    english.PATHWAY_BODY[1]: "¡Son bienvenidas las donaciones únicas o periódicas en apoyo de una escuela o del "
    "distrito, así como la organización de actividades de voluntariado para empleados!",
    "For more information or to request a meeting, please complete the interest form.": "Para obtener más "
    "información o solicitar una reunión, complete el formulario de interés.",
    "Complete the interest form": "Complete el formulario de interés",
    "Contact us": "Contáctenos",
    "Requesting a Letter of Support": "Cómo solicitar una carta de apoyo",
    english.LETTER_OF_SUPPORT: LETTER_OF_SUPPORT,
    "Request a letter of support": "Solicitar una carta de apoyo",
}

AWARD_PAGE = {
    "Shining Star Community Partner Award": "Premio Estrella Brillante al Socio Comunitario",
    english.AWARD_PURPOSE: "El Premio Estrella Brillante al Socio Comunitario se creó en 2014 para reconocer que, "
    "cuando se trata del éxito de los estudiantes, TPS no puede lograrlo sola. Para honrar la inversión de tiempo, "
    "talento y recursos en favor de los estudiantes, las familias y el personal de TPS, cada mes se otorga el Premio "
    "Estrella al Socio Comunitario para agradecer a un socio o voluntario de la comunidad que ha marcado una "
    "diferencia en la vida de los estudiantes y las familias de TPS.",
}

INTEREST_FORM = {
    "Partnership interest form": "Formulario de interés en asociarse",
    "Tell us how you would like to partner with Tacoma Public Schools, and the Community Partnership office will "
    "contact you to talk it through.": "Cuéntenos cómo le gustaría asociarse con las Escuelas Públicas de Tacoma, y "
    "la oficina de Asociaciones Comunitarias se comunicará con usted para conversarlo.",
    "Send": "Enviar",
    "Thank you for your interest in partnering with Tacoma Public Schools. The Community Partnership office will be "
    "in touch soon.": "Gracias por su interés en asociarse con las Escuelas Públicas de Tacoma. La oficina de "
    "Asociaciones Comunitarias se comunicará con usted pronto.",
    "We received your partnership interest form": "Recibimos su formulario de interés en asociarse",
    "Thank you for your interest in partnering with Tacoma Public Schools.": "Gracias por su interés en asociarse "
    "con las Escuelas Públicas de Tacoma.",
    "Organization name": "Nombre de la organización",
    "If you are offering as an individual, write 'Individual'.": "Si participa a título personal, escriba "
    "«Particular».",
    "Partner type": "Tipo de socio",
    "Community-based organization<br/>Business<br/>Community group<br/>Individual": "Organización comunitaria<br/>"
    "Empresa<br/>Grupo comunitario<br/>Particular",
    "Contact name": "Nombre de contacto",
    "Email": "Correo electrónico",
    "We reply here, and send you a copy of this form.": "Le responderemos a este correo y le enviaremos una copia "
    "de este formulario.",
    "Phone": "Teléfono",
    "What you would like to offer": "Lo que le gustaría ofrecer",
    "Choose all that apply.": "Elija todas las opciones que correspondan.",
    "Youth program<br/>Goods and services<br/>Internship<br/>One-time donation<br/>Recurring donation<br/>Employee "
    "volunteer activity": "Programa juvenil<br/>Bienes y servicios<br/>Pasantía<br/>Donación única<br/>Donación "
    "periódica<br/>Actividad de voluntariado para empleados",
    "Grade levels of interest": "Niveles de grado de interés",
    "Early learning<br/>Elementary school<br/>Middle school<br/>High school<br/>Any": "Educación temprana<br/>Escuela "
    "primaria<br/>Escuela intermedia<br/>Escuela secundaria<br/>Cualquiera",
    "Schools of interest": "Escuelas de interés",
    "Name any schools you have in mind.": "Nombre las escuelas que tenga en mente.",
    "Message": "Mensaje",
    "Tell us about your idea, and anything we should know.": "Cuéntenos su idea y todo lo que debamos saber.",
    "Consent": "Consentimiento",
    "I agree that Tacoma Public Schools may contact me about this partnership.": "Acepto que las Escuelas Públicas "
    "de Tacoma se comuniquen conmigo sobre esta asociación.",
}

LETTER_PAGE = {
    "Request a letter of support": "Solicitar una carta de apoyo",
    english.LETTER_OF_SUPPORT: LETTER_OF_SUPPORT,
    "Send request": "Enviar solicitud",
    "Thank you. We emailed you a confirmation with a private status code; the Grants Office will email you at each "
    "step of its review.": "Gracias. Le enviamos por correo una confirmación con un código de estado privado; la "
    "Oficina de Subvenciones le escribirá en cada paso de su revisión.",
}

RECIPIENTS = {
    english.SAMPLE_RECIPIENTS[0][4]: "Este es un ganador de muestra para la demostración, no un premio real. Muestra "
    "cómo se lee la mención de un mes: bolsas de comida de fin de semana para las familias, preparadas por "
    "voluntarios cada viernes.",
    english.SAMPLE_RECIPIENTS[1][4]: "Este es un ganador de muestra para la demostración, no un premio real. Muestra "
    "cómo se lee la mención de un voluntario: dos mañanas por semana leyendo con estudiantes de segundo grado.",
}
